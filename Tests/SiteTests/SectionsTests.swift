@testable import Site
import Testing

/// The section registry: one section per kind of content, each reachable by its key.
@Suite struct SectionsTests {
    @Test func sectionsCoverEveryKey() {
        let keys = SiteSections.all.map(\.key)
        #expect(Set(keys).count == keys.count, "a key declared twice: \(keys)")
        for key in SectionKey.allCases {
            #expect(keys.contains(key), "no section for \(key)")
            #expect(SiteSections.named(key).key == key)
        }
    }
}
