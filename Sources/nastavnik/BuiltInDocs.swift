import Foundation

/// `nastavnik help content|rules|themes`: the documentation carried inside the program.
enum BuiltInDocs {
    static let topics = ["content": "content.md", "rules": "rules.md", "themes": "themes.md"]

    static func text(_ topic: String) -> String? {
        guard let file = topics[topic], let entry = EmbeddedDocs.base64.first(where: { $0.path == file }),
              let data = Data(base64Encoded: entry.data) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
