import Foundation

/// The indexes again as scripts: a page opened from disk (`file://`) may load a script but
/// not fetch a JSON file, and the site must work unpacked from an archive.
enum ScriptData {
    static func wrap(_ json: Data, as name: String) -> Data {
        Data("window.\(name)=".utf8) + json + Data(";\n".utf8)
    }
}
