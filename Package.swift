// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nastavnik",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nastavnik", targets: ["nastavnik"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Markdown", dependencies: ["CCMarkGFM"]),
        // The Russian Snowball stemmer for the search index (Debian's libstemmer-dev; the .a in `make dist`).
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        // Small C shims for system calls Swift's Glibc module does not export.
        .target(name: "CPlatform"),
        // libjpeg-turbo, libpng and libwebp (Debian's -dev packages; static .a in `make dist`).
        .target(name: "CImageCodecs", linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16"), .linkedLibrary("webp"),
                                                               .linkedLibrary("z"), .linkedLibrary("m")]),
        .target(name: "Images", dependencies: ["CImageCodecs", "Content", "Domain"]),
        .target(name: "Domain"),
        .target(name: "Content", dependencies: [
            "Domain", "Markdown",
            .product(name: "Yams", package: "Yams"),
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .target(name: "Theme", dependencies: [
            "Domain", "Markdown",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Site", dependencies: [
            "Domain", "Content", "Markdown", "Theme", "CPlatform", "Images", "CStemmer",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "Preview", dependencies: ["Site", "Content", "Domain"]),
        .executableTarget(name: "nastavnik", dependencies: [
            "Site", "Content", "Domain", "Preview", "Markdown",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Shared by the tests: paths of the checkout, running the built program, sites written inline.
        .target(name: "TestSupport", dependencies: ["Domain", "Content", "Site"], path: "Tests/TestSupport"),
        // One test target per module; CLITests run the built program as a user does.
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "TestSupport"]),
        .testTarget(name: "ContentTests", dependencies: ["Domain", "Content", "Markdown", "Site", "TestSupport"]),
        .testTarget(name: "SiteTests", dependencies: ["Domain", "Content", "Markdown", "Theme", "Site", "Images", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["Domain", "Content", "Theme", "Site", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
