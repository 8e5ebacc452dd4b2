import Foundation
import XCTest
@testable import WXRender

/// An image's candidate path is the one URL's `appendingPathComponent` + `standardizedFileURL`
/// gives, whether it is joined as text (plain names) or left to URL (`.`, `..`, odd characters).
final class ImagePathTests: XCTestCase {
    func testCandidatePathsMatchURLStandardization() {
        for folder in [URL(fileURLWithPath: "/site/content/posts"), URL(fileURLWithPath: "/site"), URL(fileURLWithPath: "/site/中文/posts")] {
        let paths = [
            "cover.jpg", "images/a.png", "图片/封面.png", "./cover.jpg", "../images/a.png", "a/../../b.png", "a//b.png",
            "a/./b.png", "with space.png", "semi;colon.png", "trail/", "..", ".hidden.png", "a+b@2x.png",
            "../../images/a.png", "../../../../a.png", "../../../../../a.png", ".", "./", "../", "a/..", "../posts/./x.png",
            "..a/b.png", "a../b.png", "../图片/封面.png", "a/b/../../c/./d.png", "../../../a.png", "../../x/../a.png", "../a b.png",
            "../.", "../..", "..//a.png", "../a/", "...", "../...png",
        ]
        for path in paths {
            let standard = folder.appendingPathComponent(path).standardizedFileURL.path
            XCTAssertEqual(ImageResolver.standardizedPath(folder, folder.path, path), standard, "\(folder.path) + \(path)")
            // Where nothing is a link (nothing exists here), URL takes `..` out as text.
            if let joined = ImageResolver.textJoin(folder.path, path) { XCTAssertEqual(joined, standard, "\(folder.path) + \(path)") }
        }
        }
    }
}
