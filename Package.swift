// swift-tools-version:6.0
import PackageDescription

// One library module per concern; arrows point one way:
//   CSHA256 ← WXSupport ← WXContent ← WXRender ← WXPublish ← wxpub
//   WXSupport ← WXHTML, WXTemplate ← WXRender;  WXHTML ← WXStructure ← WXRender, WXSandbox
//   WXSupport ← WXAPI ← WXPublish        WXSupport ← WXSandbox;   WXPublish, WXSandbox ← WXLocalSandbox ← wxpub
// The API client knows nothing of posts; the sandbox knows nothing of posts or the client.
let package = Package(
    name: "wxpub",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "wxpub", targets: ["wxpub"]),
        .executable(name: "wxpub-bench", targets: ["wxpub-bench"]),
        .library(name: "WXPublish", targets: ["WXPublish"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // SHA-256 blocks with the x86 SHA extensions, for WXSupport.SHA256 (which has the portable rounds).
        .target(name: "CSHA256"),
        // libcurl loaded on first use by release builds on Linux (see the note at the end of this file).
        .target(name: "CCurlLoader", cSettings: [.define("WXPUB_LAZY_CURL", .when(platforms: [.linux], configuration: .release))]),
        .target(name: "WXSupport", dependencies: ["CSHA256"]),
        .target(name: "WXContent", dependencies: ["WXSupport"]),
        .target(name: "WXHTML", dependencies: ["WXSupport"]),
        .target(name: "WXTemplate", dependencies: ["WXSupport"]),
        .target(name: "WXStructure", dependencies: ["WXHTML", "WXSupport"]),
        .target(name: "WXHighlight"),
        // `make fuzz`: libFuzzer targets (built with -sanitize=fuzzer,address -DFUZZING into .build-fuzz);
        // built plainly, a replay and seeded-mutation harness.
        .executableTarget(name: "wxpub-fuzz", dependencies: ["WXContent", "WXHTML", "WXTemplate", "WXRender", "WXSupport"]),
        .target(name: "WXRender", dependencies: ["WXContent", "WXHTML", "WXTemplate", "WXStructure", "WXHighlight", "WXSupport", "CCmark"]),
        .target(name: "WXAPI", dependencies: ["WXSupport"]),
        // The HTTP/1.1 server shared by the sandbox and `wxpub serve`.
        .target(name: "WXHTTP"),
        .target(name: "WXSandbox", dependencies: ["WXHTTP", "WXStructure", "WXSupport"]),
        .target(name: "WXPublish", dependencies: ["WXContent", "WXRender", "WXAPI", "WXSupport"]),
        // `--sandbox`: the in-process sandbox wired to an account connection (WXPublish knows nothing of the sandbox).
        .target(name: "WXLocalSandbox", dependencies: ["WXPublish", "WXSandbox", "WXAPI", "WXContent", "WXSupport"]),
        // `wxpub serve`: the live phone preview (and the index `wxpub build` writes).
        .target(name: "WXServe", dependencies: ["WXHTTP", "WXPublish", "WXRender", "WXContent", "WXSupport"]),
        .executableTarget(name: "wxpub", dependencies: ["WXServe", "WXPublish", "WXLocalSandbox", "WXContent", "WXRender", "WXHTML", "WXAPI", "WXSandbox", "WXSupport", "CCurlLoader"]),
        // `make bench`: speed and memory as ratios against baselines measured in the same run (docs/benchmarks.md).
        .executableTarget(name: "wxpub-bench", dependencies: ["WXPublish", "WXLocalSandbox", "WXContent", "WXRender", "WXHighlight", "WXAPI", "WXSandbox", "WXSupport", "CCmark", "CCurlLoader"]),
        // Shared by the test targets only: running outside oracles.
        .target(name: "WXTestSupport", path: "Tests/WXTestSupport"),
        .testTarget(name: "WXSupportTests", dependencies: ["WXSupport", "WXTestSupport"]),
        .testTarget(name: "WXContentTests", dependencies: ["WXTestSupport", "WXContent"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WXHTMLTests", dependencies: ["WXTestSupport", "WXHTML", "WXSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "WXTemplateTests", dependencies: ["WXTemplate"]),
        .testTarget(name: "WXHighlightTests", dependencies: ["WXHighlight", "WXTestSupport"]),
        .testTarget(name: "WXStructureTests", dependencies: ["WXTestSupport", "WXStructure", "WXHTML", "WXSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "WXRenderTests", dependencies: ["WXRender", "WXContent", "WXHTML", "WXStructure", "WXHighlight", "WXSupport", "WXTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WXHTTPTests", dependencies: ["WXTestSupport", "WXHTTP"]),
        .testTarget(name: "WXServeTests", dependencies: ["WXTestSupport", "WXServe", "WXHTTP", "WXContent", "WXSupport"]),
        .testTarget(name: "WXSandboxTests", dependencies: ["WXTestSupport", "WXSandbox", "WXSupport"]),
        .testTarget(name: "WXAPITests", dependencies: ["WXAPI", "WXSandbox", "WXSupport"]),
        .testTarget(name: "WXPublishTests", dependencies: ["WXPublish", "WXLocalSandbox", "WXContent", "WXRender", "WXHTML", "WXAPI", "WXSandbox", "WXSupport"]),
        .testTarget(name: "CLITests", dependencies: ["WXSupport"]),
    ]
)

// Release builds of the programs carry the Swift runtime and Foundation inside (`-static-stdlib`,
// what `swift build --static-swift-stdlib` does, kept here so that every release build, the
// acceptance checks' included, gets it): no dynamic linking of ~50 libraries at every start
// (`wxpub --version` 25 → 12 ms) and direct calls into the runtime (retain/release) instead of
// calls through the PLT: `wxpub check` of the 1,000-post speed corpus takes 7 % less CPU. Every
// module of a program is compiled against the static runtime's modules, so the setting goes on
// every target but the tests (debug builds, and so the tests, are unchanged).
// libcurl is not linked: the `-lcurl` that FoundationNetworking's static module asks for is
// dropped, and CCurlLoader's stand-ins for libcurl's functions open libcurl.so.4 (the runtime
// file: no development package needed) the first time URLSession calls into it. Linking it made
// every start load libcurl and the ~30 libraries it needs, ~3.5 ms of CPU before `main` on every
// command, for the few commands that reach WeChat.
let releaseOnLinux = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-static-stdlib", "-Xfrontend", "-disable-autolink-library", "-Xfrontend", "curl"], releaseOnLinux)
    ]
    if target.type == .executable {
        target.linkerSettings = (target.linkerSettings ?? []) + [
            .unsafeFlags(["-static-stdlib"], releaseOnLinux)
        ]
    }
}
