import Foundation

/// The indexes again as scripts: a page opened from disk (`file://`) may load a script but
/// not fetch a JSON file, and the site must work unpacked from an archive.
enum ScriptData {
    static func wrap(_ json: Data, as name: String) -> Data {
        Data("window.\(name)=".utf8) + json + Data(";\n".utf8)
    }

    /// The JSON and its script in one buffer: the script whole, the JSON a slice of it. The
    /// search index of a 50,000-page site is 170 MB; a second copy of it is not made.
    static func both(as name: String, _ write: (inout Data) -> Void) -> (json: Data, script: Data) {
        var script = Data("window.\(name)=".utf8)
        let start = script.count
        write(&script)
        let end = script.count
        script.append(contentsOf: ";\n".utf8)
        return (script[start..<end], script)
    }
}
