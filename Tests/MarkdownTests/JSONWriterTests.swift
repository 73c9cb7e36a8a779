import Foundation
import Markdown
import Testing
import TestSupport

/// Every JSON file and answer of the program goes through `JSONWriter`.
@Suite struct JSONWriterTests {
    @Test func escapesWhatJSONRequiresAndRoundTrips() throws {
        let nasty = "кавычка \" обратная \\ строка\nтаб\t\u{01}\u{08}\u{0C} слэш / эмодзи 🙂 </script>"
        let text = JSONWriter.write { json in
            json.object { json in
                json.field("s", nasty)
                json.field("n", 42)
                json.field("absent", nil as String?)
                json.field("b", true)
                json.key("list")
                json.array { json in
                    json.string("a")
                    json.int(-1)
                    json.raw(#"{"x":[]}"#)
                }
            }
        }
        #expect(!text.contains("absent"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["s"] as? String == nasty)
        #expect(parsed["n"] as? Int == 42)
        #expect(parsed["b"] as? Bool == true)
        #expect((parsed["list"] as? [Any])?.count == 3)
        #expect(text.contains(#"\"#) && text.contains("\\u0001") && text.contains("/"), "slashes are kept as they are")
    }

    /// `pretty` lays out as JSONEncoder's `.prettyPrinted` does, so report.json reads the same.
    @Test func prettyMatchesJSONEncoder() throws {
        struct Doc: Encodable {
            var a: [Int]
            var b: String
            var c: [String: Int]
            var d: [Int]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(Doc(a: [1, 2], b: "x/y", c: ["k": 1], d: [])), as: UTF8.self)
        let written = JSONWriter.write(pretty: true) { json in
            json.object { json in
                json.key("a")
                json.array { json in json.int(1); json.int(2) }
                json.field("b", "x/y")
                json.key("c")
                json.object { json in json.field("k", 1) }
                json.key("d")
                json.array { _ in }
            }
        }
        #expect(written == expected)
    }

    @Test func randomStringsSurviveTheTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let scalars = (0..<Int.random(in: 0...40, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &generator))
            }
            let text = String(String.UnicodeScalarView(scalars))
            let json = JSONWriter.write { $0.array { $0.string(text) } }
            let back = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
            #expect(back == [text])
        }
    }
}
