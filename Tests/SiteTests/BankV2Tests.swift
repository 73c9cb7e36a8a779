import Domain
import Foundation
import Testing
import TestSupport

/// The regional bank v2 (13.8): the centre's selection in review.yml, another region's school
/// kept out of the roll-ups and shown apart. Fixture: Tests/Fixtures/bank-v2 (three schools,
/// one from Рязанская область; expected roll-up in its SOURCE.md, computed by hand).
@Suite(.serialized) struct BankV2Tests {
    static func bank() throws -> URL {
        let work = try temporaryDirectory()
        try overlay(Repo.fixtures.appendingPathComponent("bank-v2"), onto: work)
        return work
    }

    @Test func reviewPublishesOnlySelectedPractices() throws {
        let work = try Self.bank()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try TestSite(at: work).run()
        #expect(result.status == 0, "\(result.stderr)")
        let out = work.appendingPathComponent("public")
        let fm = FileManager.default
        for selected in ["kirov-sch21/fizika-8-klass", "kirov-sch21/molodoy-uchitel"] {
            #expect(fm.fileExists(atPath: out.appendingPathComponent("practices/\(selected)/index.html").path), "\(selected)")
        }
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("practices/slobodskoy-sch5/proforientatsiya-les").path))
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("practices/ryazan-sch12").path))
        let home = read(out.appendingPathComponent("index.html"))
        #expect(home.contains("Опубликованы практики, отобранные экспертами регионального центра (решений по практикам: 4)."))
        // Only this region's organisations are summed: 443 / 930 and 527 / 923 (SOURCE.md).
        let indicators = read(out.appendingPathComponent("indicators/index.html"))
        #expect(indicators.contains("47,6 %<br><span class=\"muted\">443 из 930; организаций: 2</span>"), "\(indicators)")
        #expect(indicators.contains("57,1 %<br><span class=\"muted\">527 из 923; организаций: 2</span>"))
        let csv = read(out.appendingPathComponent("indicators-rollup.csv"))
        #expect(!csv.contains("Рязан"), "\(csv)")
        // The report gives every school each submission's decision.
        let report = read(work.appendingPathComponent("report/index.html"))
        #expect(report.contains("(<code>slobodskoy-sch5/proforientatsiya-les</code>): отклонена, балл 12 — Нет результатов"), "\(report)")
        #expect(read(work.appendingPathComponent("report/report.json")).contains("\"status\" : \"rejected\""))
    }

    @Test func withoutReviewEveryPracticeIsPublishedAndOtherRegionsStandApart() throws {
        let work = try Self.bank()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.removeItem(at: work.appendingPathComponent("content/review.yml"))
        let result = try TestSite(at: work).run()
        #expect(result.status == 0, "\(result.stderr)")
        let out = work.appendingPathComponent("public")
        let home = read(out.appendingPathComponent("index.html"))
        #expect(home.contains("экспертный отбор не проводился"))
        let other = home.components(separatedBy: "Практики других регионов").dropFirst().first ?? ""
        #expect(other.contains("practices/ryazan-sch12/chitatelskiy-klub/"), "\(home)")
        let list = read(out.appendingPathComponent("practices/index.html"))
        #expect(!list.contains("ryazan-sch12"))
        #expect(list.contains("slobodskoy-sch5/proforientatsiya-les"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("practices/ryazan-sch12/chitatelskiy-klub/index.html").path))
        let indicators = read(out.appendingPathComponent("indicators/index.html"))
        #expect(indicators.contains("443 из 930; организаций: 2"))
    }

    @Test func aDecisionAboutAnUnknownPracticeIsReported() throws {
        let work = try Self.bank()
        defer { try? FileManager.default.removeItem(at: work) }
        let review = work.appendingPathComponent("content/review.yml")
        try (read(review) + "- practice: \"kirov-sch21/fizika-8\"\n  status: selected\n").write(to: review, atomically: true, encoding: .utf8)
        let result = try TestSite(at: work).run(write: false)
        #expect(result.stderr.contains("[bank.review-unknown]"), "\(result.stderr)")
        #expect(result.stderr.contains("возможно, `kirov-sch21/fizika-8-klass`?"))
    }

    @Test func aMunicipalBankSpeaksOfTheMunicipality() throws {
        let work = try Self.bank()
        defer { try? FileManager.default.removeItem(at: work) }
        let settings = work.appendingPathComponent("content/site.yml")
        try read(settings).replacingOccurrences(of: "kind: regional_center", with: "kind: municipal_office")
            .write(to: settings, atomically: true, encoding: .utf8)
        let result = try TestSite(at: work).run()
        #expect(result.status == 0, "\(result.stderr)")
        let out = work.appendingPathComponent("public")
        #expect(read(out.appendingPathComponent("index.html")).contains("Показатели муниципалитета"))
        let rollup = read(out.appendingPathComponent("indicators/index.html"))
        #expect(rollup.contains("<title>Показатели муниципалитета"), "\(rollup.prefix(600))")
        #expect(!rollup.contains("Регион"))
        #expect(read(out.appendingPathComponent("indicators-rollup.csv")).contains(";Муниципалитет;"))
    }

    @Test func competitionsHaveAPageAndTheirWinnersBadges() throws {
        let work = try Self.bank()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try TestSite(at: work).run()
        #expect(result.status == 0, "\(result.stderr)")
        let out = work.appendingPathComponent("public")
        let page = read(out.appendingPathComponent("competitions/index.html"))
        // The title already names its year: not «— 2025 (2025)».
        #expect(page.contains("<h2>Лучшая практика наставничества — 2025</h2>"), "\(page)")
        #expect(page.contains("<li><strong>1 место</strong> — <a href=\"../practices/kirov-sch21/fizika-8-klass/\">"))
        #expect(page.contains("<a href=\"../mentors/kirov-sch21/kopylova/\">Копылова Елена Викторовна</a>"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("mentors/kirov-sch21/kopylova/index.html").path))
        #expect(read(out.appendingPathComponent("index.html")).contains("href=\"./competitions/\""))
        let list = read(out.appendingPathComponent("practices/index.html"))
        #expect(list.contains("<li class=\"badge\">1 место: Лучшая практика наставничества — 2025, номинация «Форма «ученик – ученик»»</li>"))
        // The award is on the practice's own page too, and the mentor's on the mentor's page.
        #expect(read(out.appendingPathComponent("practices/kirov-sch21/fizika-8-klass/index.html"))
            .contains("<li class=\"badge\">1 место: Лучшая практика наставничества — 2025"))
        #expect(read(out.appendingPathComponent("mentors/kirov-sch21/kopylova/index.html")).contains("<ul class=\"badges\"><li class=\"badge\">"))
        // A winner the bank does not publish (rejected by the experts) is reported.
        let competitions = work.appendingPathComponent("content/competitions.yml")
        try read(competitions).replacingOccurrences(of: "kirov-sch21/molodoy-uchitel", with: "slobodskoy-sch5/proforientatsiya-les")
            .write(to: competitions, atomically: true, encoding: .utf8)
        let check = try TestSite(at: work).run(write: false)
        #expect(check.stderr.contains("в банке нет опубликованной практики `slobodskoy-sch5/proforientatsiya-les` [bank.competition-unknown]"), "\(check.stderr)")
    }

    @Test func everySchoolsProgrammesFormTheBanksBase() throws {
        let work = try Self.bank()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try TestSite(at: work).run()
        #expect(result.status == 0, "\(result.stderr)")
        let out = work.appendingPathComponent("public")
        let base = read(out.appendingPathComponent("baza-programm/index.html"))
        #expect(base.contains("<h1>База программ наставничества</h1>"))
        #expect(base.contains("href=\"../baza-programm/kirov-sch21/programma-2024-2025/\""), "\(base)")
        #expect(base.contains("МКОУ СОШ № 5 г. Слободского"))
        let program = read(out.appendingPathComponent("baza-programm/kirov-sch21/programma-2024-2025/index.html"))
        #expect(program.contains("<a href=\"../../../schools/kirov-sch21/\">"), "\(program)")
        #expect(read(out.appendingPathComponent("index.html")).contains(">База программ</a>"))
    }
}
