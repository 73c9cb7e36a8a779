import Domain
import Foundation
import Testing
import TestSupport

/// The roadmap as real schools keep it (13.3): official numbers, key results, output
/// documents, sub-items, per-cycle status, and «нет сведений» — never a false «просрочено».
@Suite struct RoadmapV2Tests {
    @Test func statusesNumbersAndDeadlinesAsWritten() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try overlay(Repo.fixtures.appendingPathComponent("invalid/roadmap-v2-status/content"), onto: site.appendingPathComponent("content"))
        let result = try TestSite(at: site).run(today: DayDate(year: 2025, month: 6, day: 1)!)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("content/roadmap.yml:8:9: предупреждение: срок мероприятия «Назначение куратора» прошёл (26.03.2021)"), "\(result.stderr)")
        let page = read(site.appendingPathComponent("public/roadmap/index.html"))
        let rows = SeedSiteTests.roadmapRows(page)
        #expect(rows.map(\.first!) == ["1.", "1.1.", "1.2.", "1.3.", "1.3.1."])
        func row(_ number: String) -> String {
            page.components(separatedBy: "<td data-label=\"№\">\(number)</td>").dropFirst().first?.components(separatedBy: "</tr>")[0] ?? ""
        }
        #expect(row("1.1.").contains("<td data-label=\"Статус\">нет сведений"), "\(row("1.1."))")
        #expect(!row("1.1.").contains("просрочено"))
        #expect(row("1.3.").contains("<td data-label=\"Статус\">просрочено"))
        #expect(row("1.2.").contains("выполняется<br><span class=\"muted\">не отмечены как выполненные: 2024</span>"), "\(row("1.2."))")
        // The deadline once, as written; the reading only in the machine attribute.
        #expect(row("1.1.").contains("<time datetime=\"2021-03-26\">в срок до 26.03.2021</time>"), "\(row("1.1."))")
        #expect(row("1.3.1.").contains("<time datetime=\"2021-12-31\">на 31.12.2021</time>"))
        #expect(row("1.1.").contains("<td data-label=\"Ключевой результат\">Назначен куратор</td>"))
        #expect(row("1.1.").contains("<td data-label=\"Документы\">приказ о назначении куратора</td>"))
        #expect(page.components(separatedBy: "sub-item level-1").count == 2)
        #expect(page.contains("Согласована: Управление образования, 02.11.2020"))
        #expect(page.contains("Ключевой результат: Созданы условия"))
        #expect(page.contains("нет сведений об итогах: 1"))
    }
}
