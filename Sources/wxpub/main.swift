print("wxpub")
