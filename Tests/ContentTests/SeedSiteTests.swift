import Foundation
import Testing
import TestSupport

/// One site per seed document (Tests/Fixtures/seeds/<seed>/content, written from the seed's own
/// tables): the rendered roadmap and indicator tables must match the seed row by row
/// (expected-roadmap.tsv, expected-indicators.tsv), and no deadline phrasing of the seeds may
/// be left unparsed.
@Suite(.serialized) struct SeedSiteTests {
    static let seeds = (try? FileManager.default.contentsOfDirectory(atPath: Repo.fixtures.appendingPathComponent("seeds").path).sorted()) ?? []

    /// Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed.
    static func text(_ html: Substring) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true; continue }
            if ch == ">" { inTag = false; continue }
            if !inTag { out.append(ch) }
        }
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return datesAsWritten(untypeset(out)).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A list of dates is shown with commas between them (PageContexts.dueText); the seeds
    /// have them one per line of a table cell.
    static func datesAsWritten(_ s: String) -> String {
        s.replacingOccurrences(of: #"(\d\d\.\d\d\.\d{4}),(?=\s)"#, with: "$1", options: .regularExpression)
    }

    static func normalised(_ s: String) -> String {
        datesAsWritten(untypeset(s)).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The roadmap page as rows: a section row is `number, title, "", "", key result`; an event row
    /// is `number, title, due, responsible, key result or result`.
    static func roadmapRows(_ html: String) -> [[String]] {
        var rows: [[String]] = []
        for chunk in html.components(separatedBy: "<tr").dropFirst() {
            let row = "<tr" + chunk.components(separatedBy: "</tr>")[0]
            if row.contains("section-row") {
                let cell = row.components(separatedBy: "<span class=\"section-result\">")
                let head = text(Substring(cell[0]))
                let number = head.split(separator: " ").first.map(String.init) ?? ""
                let title = String(head.dropFirst(number.count)).trimmingCharacters(in: .whitespaces)
                let result = cell.count > 1 ? text(Substring(cell[1])).replacingOccurrences(of: "Ключевой результат: ", with: "") : ""
                rows.append([number, title, "", "", result])
                continue
            }
            guard row.contains("data-label=\"№\"") else { continue }
            var cells: [String: String] = [:]
            for part in row.components(separatedBy: "<td data-label=\"").dropFirst() {
                guard let quote = part.firstIndex(of: "\"") else { continue }
                let label = String(part[..<quote])
                let body = part[part.index(after: quote)...].drop { $0 != ">" }.dropFirst()
                cells[label] = text(Substring(body.components(separatedBy: "</td>")[0]))
            }
            let key = cells["Ключевой результат"] ?? ""
            rows.append([cells["№"] ?? "", cells["Мероприятие"] ?? "", cells["Срок"] ?? "", cells["Ответственные"] ?? "",
                         key.isEmpty ? cells["Результат"] ?? "" : key])
        }
        return rows
    }

    @Test(arguments: seeds)
    func seedSiteMatchesTheSeedRowByRow(_ seed: String) throws {
        let folder = Repo.fixtures.appendingPathComponent("seeds/\(seed)")
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let check = try runNastavnik(["check", "-c", folder.appendingPathComponent("content").path, "--format", "json", "--today", "2026-11-26"], in: work)
        let items = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]] ?? []
        let unparsed = items.filter { ($0["rule"] as? String) == "roadmap.due-unparsed" }
        #expect(unparsed.isEmpty, "\(seed): \(unparsed)")
        let result = try runNastavnik(["build", "-c", folder.appendingPathComponent("content").path, "-o", "site", "--today", "2026-11-26"], in: work)
        #expect(result.status == 0, "\(seed): \(result.stderr)")

        let expectedRoadmap = read(folder.appendingPathComponent("expected-roadmap.tsv"))
        if !expectedRoadmap.isEmpty {
            let expected = expectedRoadmap.split(separator: "\n").map { $0.components(separatedBy: "\t").map(Self.normalised) }
            let actual = Self.roadmapRows(read(work.appendingPathComponent("site/roadmap/index.html")))
            #expect(actual.count == expected.count, "\(seed): \(actual.count) rows on the page, \(expected.count) in the seed")
            for (i, (a, e)) in zip(actual, expected).enumerated() {
                #expect(a == Array(e.prefix(5)) + Array(repeating: "", count: max(0, 5 - e.count)), "\(seed) row \(i + 1)")
            }
        }
        let expectedIndicators = read(folder.appendingPathComponent("expected-indicators.tsv"))
        if !expectedIndicators.isEmpty {
            let page = read(work.appendingPathComponent("site/indicators/index.html"))
            for line in expectedIndicators.split(separator: "\n") {
                let e = line.components(separatedBy: "\t")
                guard e.count >= 4 else { continue }
                let section = page.components(separatedBy: "aria-labelledby=\"ind-\(e[0])\"").dropFirst().first ?? ""
                #expect(Self.text(Substring(section.components(separatedBy: "</h2>")[0])).hasSuffix(Self.normalised(e[1])), "\(seed) \(e[0]) title")
                let target = e[3].replacingOccurrences(of: ".", with: ",") + " %"
                let row = section.components(separatedBy: "<th scope=\"row\">\(e[2])</th>").dropFirst().first?.components(separatedBy: "</tr>")[0] ?? ""
                #expect(Self.text(Substring(row)).hasPrefix(target), "\(seed) \(e[0]) \(e[2]): \(Self.text(Substring(row)))")
            }
        }
    }
}
