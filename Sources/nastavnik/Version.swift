import ArgumentParser

/// The program's version: `nastavnik --version`, `nastavnik version`, the release file names
/// (the Makefile reads it from here).
enum Version {
    static let current = "0.4.0"
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Показать версию программы.")

    func run() {
        print("nastavnik \(Version.current)")
    }
}
