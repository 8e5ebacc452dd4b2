import WXSupport

enum WXSupportSHA {
    static func hex(_ text: String) -> String { SHA256.hex(Array(text.utf8)) }
}
