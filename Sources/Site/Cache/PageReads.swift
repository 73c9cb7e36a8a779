/// What a page read: as its rendering recorded it (a set), or as the numbers of its reads in
/// the dependency table of the cache it was kept in. A kept page's reads are only ever asked
/// whether one of them changed, and written again: a 10,000-page site's pages name hundreds
/// of thousands of reads, and hashing each into a set cost more than the rest of the cache.
struct PageReads: Sendable, Equatable {
    enum Storage: Sendable {
        case set(Set<Dependency>)
        case numbered(DependencyTable, [Int32])
    }

    let storage: Storage

    init(_ reads: Set<Dependency>) { storage = .set(reads) }

    /// - Parameter numbers: indices into `table.dependencies`, checked by the reader.
    init(_ table: DependencyTable, _ numbers: [Int32]) { storage = .numbered(table, numbers) }

    var set: Set<Dependency> {
        switch storage {
        case .set(let reads): return reads
        case .numbered(let table, let numbers): return Set(numbers.map { table.dependencies[Int($0)] })
        }
    }

    func isDisjoint(with changes: ChangedReads) -> Bool {
        switch storage {
        case .set(let reads): return reads.isDisjoint(with: changes.changes)
        case .numbered(let table, let numbers):
            let changed = changes.mask(for: table)
            return !numbers.contains { changed[Int($0)] }
        }
    }

    static func == (a: PageReads, b: PageReads) -> Bool { a.set == b.set }
}

/// The dependencies a kept cache names, in the order of its table.
final class DependencyTable: Sendable {
    let dependencies: [Dependency]

    init(_ dependencies: [Dependency]) { self.dependencies = dependencies }
}

/// The inputs that changed since the last build, and which numbers of a kept table they are
/// (found once per table, not once per page).
final class ChangedReads {
    let changes: Set<Dependency>
    private var last: (table: DependencyTable, mask: [Bool])?

    init(_ changes: Set<Dependency>) { self.changes = changes }

    func mask(for table: DependencyTable) -> [Bool] {
        if let last, last.table === table { return last.mask }
        let mask = changes.isEmpty ? Array(repeating: false, count: table.dependencies.count) : table.dependencies.map(changes.contains)
        last = (table, mask)
        return mask
    }
}
