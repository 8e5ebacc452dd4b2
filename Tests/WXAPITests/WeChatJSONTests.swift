import Foundation
import XCTest
@testable import WXAPI

final class WeChatJSONTests: XCTestCase {
    func testChineseAndEmojiStayLiteralUTF8() throws {
        let data = try WeChatJSON.encode(["title": "微信公众号 😀 发布"], operation: "addDraft")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"title":"微信公众号 😀 发布"}"#)
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("\\u"))
    }

    func testSlashesInURLsAreNotEscaped() throws {
        let data = try WeChatJSON.encode(["content_source_url": "https://example.com/a/b"], operation: "addDraft")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"content_source_url":"https://example.com/a/b"}"#)
    }

    func testDraftArticleEncodesCommentFlagsAsIntegersAndLeavesHTMLLiteral() throws {
        let article = DraftArticle(title: "标题", author: "作者", content: "<p style=\"color:red\">你好 & <b>世界</b></p>", thumbMediaID: "THUMB",
                                   needOpenComment: true)
        let text = String(decoding: try WeChatJSON.encode(article, operation: "addDraft"), as: UTF8.self)
        XCTAssertEqual(text, #"{"author":"作者","content":"<p style=\"color:red\">你好 & <b>世界</b></p>","need_open_comment":1,"only_fans_can_comment":0,"thumb_media_id":"THUMB","title":"标题"}"#)
    }

    func testALiteralBackslashUIsNotMistakenForAnEscape() throws {
        let data = try WeChatJSON.encode(["content": #"C:\users and \u in prose"#], operation: "addDraft")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"content":"C:\\users and \\u in prose"}"#)
    }

    func testControlCharactersThatWouldNeedAUnicodeEscapeAreRejected() {
        XCTAssertThrowsError(try WeChatJSON.encode(["title": "bell\u{7}"], operation: "addDraft")) { error in
            let error = error as! WeChatAPIError
            XCTAssertEqual(error.operation, "addDraft")
            XCTAssertTrue(error.description.contains("U+0007"), error.description)
        }
    }

    func testTabsAndNewlinesUseShortEscapesAndPass() throws {
        let data = try WeChatJSON.encode(["content": "a\tb\nc"], operation: "addDraft")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"content":"a\tb\nc"}"#)
    }

    func testMassSendBodyNamesTheMessageKeyAfterItsType() throws {
        let body = MassRequestBody(filter: .init(is_to_all: false, tag_id: 2), message: .mpnews(mediaID: "M1"), sendIgnoreReprint: false, clientMsgID: "k1")
        let text = String(decoding: try WeChatJSON.encode(body, operation: "massSendAll"), as: UTF8.self)
        XCTAssertEqual(text, #"{"clientmsgid":"k1","filter":{"is_to_all":false,"tag_id":2},"mpnews":{"media_id":"M1"},"msgtype":"mpnews","send_ignore_reprint":0}"#)
        let all = MassRequestBody(filter: .init(is_to_all: true, tag_id: nil), message: .text("你好"), sendIgnoreReprint: true, clientMsgID: "k2")
        XCTAssertEqual(String(decoding: try WeChatJSON.encode(all, operation: "massSendAll"), as: UTF8.self),
                       #"{"clientmsgid":"k2","filter":{"is_to_all":true},"msgtype":"text","send_ignore_reprint":1,"text":{"content":"你好"}}"#)
    }
}
