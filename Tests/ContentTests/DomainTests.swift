@testable import Content
@testable import Domain
import Foundation
import Testing
import TestSupport

@Suite struct RoadmapDeadlineTests {
    static func ym(_ y: Int, _ m: Int) -> YearMonth { YearMonth(year: y, month: m) }
    static func d(_ y: Int, _ m: Int, _ day: Int) -> DayDate { DayDate(year: y, month: m, day: day)! }

    @Test(arguments: [
        ("25.12.2020", RoadmapDeadline.date(d(2020, 12, 25))),
        ("2020-12-25", .date(d(2020, 12, 25))),
        ("30.09.2020 30.09.2021 30.09.2022", .dates([d(2020, 9, 30), d(2021, 9, 30), d(2022, 9, 30)])),
        ("31.12.2020, 31.12.2021", .dates([d(2020, 12, 31), d(2021, 12, 31)])),
        ("Ноябрь 2020 г.", .month(ym(2020, 11))),
        ("ноябрь 2020", .month(ym(2020, 11))),
        ("<p>Декабрь 2020 г.</p>", .month(ym(2020, 12))),
        ("Ноябрь–декабрь 2020 г.", .monthRange(ym(2020, 11), ym(2020, 12))),
        ("Ноябрь-декабрь 2020 г.", .monthRange(ym(2020, 11), ym(2020, 12))),
        ("сентябрь 2020 – май 2021", .monthRange(ym(2020, 9), ym(2021, 5))),
        ("до 10.09.2020", .until(d(2020, 9, 10))),
        ("до 10 сентября 2020", .until(d(2020, 9, 10))),
        ("Постоянно", .permanent),
        ("В течение всего периода", .wholePeriod),
        ("в течение всего периода внедрения ЦМН", .wholePeriod),
        ("Ежегодно, август", .yearly([YearlyDate(month: 8, day: nil)])),
        ("Ежегодно 20 декабря, 20 июня", .yearly([YearlyDate(month: 12, day: 20), YearlyDate(month: 6, day: 20)])),
        ("по отдельному графику", .onSchedule),
        ("2020–2024 годы", .yearRange(2020, 2024)),
        ("I квартал 2021", .quarter(year: 2021, quarter: 1)),
        ("01.09.2020–31.05.2021", .period(d(2020, 9, 1), d(2021, 5, 31))),
        ("когда-нибудь", .unparsed),
        ("31.02.2020", .unparsed),
    ])
    func parses(_ text: String, _ expected: RoadmapDeadline) {
        #expect(RoadmapDeadlineParser.parse(text) == expected)
    }

    @Test func overdueUsesTheLastDate() {
        let event = RoadmapEvent(title: "x", due: Deadline(text: "Ноябрь–декабрь 2020 г.", parsed: RoadmapDeadlineParser.parse("Ноябрь–декабрь 2020 г.")),
                                 responsible: [], result: nil, status: .planned, origin: SourceRef(file: "r"))
        #expect(event.isOverdue(asOf: Self.d(2021, 1, 1)))
        #expect(!event.isOverdue(asOf: Self.d(2020, 12, 31)))
        var done = event
        done.status = .done
        #expect(!done.isOverdue(asOf: Self.d(2024, 1, 1)))
    }
}

@Suite struct VocabularyTests {
    @Test(arguments: ["ученик-ученик", "Ученик — ученик", "ученик–ученик", "  УЧЕНИК -  ученик ", "ученик – ученик"])
    func formSpellingIsForgiving(_ text: String) {
        #expect(MentoringForm(parsing: text) == .studentStudent)
    }

    @Test func unknownFormIsRejected() {
        #expect(MentoringForm(parsing: "ученик-директор") == nil)
    }

    @Test func roleModelsBelongToTheirForm() {
        #expect(MentoringForm.teacherTeacher.knownRoleModel(matching: "Педагог-новатор — консервативный педагог") == "педагог-новатор – консервативный педагог")
        #expect(MentoringForm.studentStudent.knownRoleModel(matching: "опытный педагог – молодой специалист") == nil)
    }

    /// Asked again, a spelling gives the same answer (`RoleModel.normalise` keeps what it worked
    /// out): hyphens inside words stay, dashes between the roles do not count.
    @Test func roleModelSpellingsAreWorkedOutOnce() {
        for _ in 0..<2 {
            #expect(RoleModel.normalise("Педагог-новатор — консервативный педагог") == RoleModel.normalise("педагог-новатор – консервативный педагог"))
            #expect(RoleModel.normalise("лидер -пассивный") == RoleModel.normalise("Лидер–пассивный"))
            #expect(RoleModel.normalise("педагог-новатор") != RoleModel.normalise("педагог – новатор"))
            #expect(MentoringForm.studentStudent.knownRoleModel(matching: "Лидер — пассивный") == "лидер – пассивный")
        }
    }

    /// A link in content: cut at `#` and `?`, decoded, made relative to the content folder.
    @Test func linksResolveInsideTheFolder() {
        #expect(ContentFiles.resolve("images/a.jpg") == .inside("images/a.jpg"))
        #expect(ContentFiles.resolve("/files/b%20c.pdf#p=2") == .inside("files/b c.pdf"))
        #expect(ContentFiles.resolve("./x.pdf?v=1#top", from: "news") == .inside("news/x.pdf"))
        #expect(ContentFiles.resolve("a#b?c") == .inside("a"))
        #expect(ContentFiles.resolve("a?b#c") == .inside("a"))
        #expect(ContentFiles.resolve("#top") == .inside(""))
        #expect(ContentFiles.resolve("../../etc/passwd", from: "news") == .escapes)
        #expect(ContentFiles.resolve("%2E%2E/secret") == .escapes)
        #expect(ContentFiles.resolve("https://school.ru/a?b") == .external)
        #expect(ContentFiles.resolve("mailto:a@b.ru") == .external)
    }

    /// The label next to a name, as written; «трудн…» only as an adjective; a two-word label whole.
    @Test func labelsAreFoundAsWritten() {
        #expect(PersonalData.label(in: "Петя Иванов — Неуспевающий ученик") == "Неуспевающий")
        #expect(PersonalData.label(in: "у ребёнка трудности с чтением") == nil)
        #expect(PersonalData.label(in: "трудного подростка Маши") == "трудного")
        #expect(PersonalData.label(in: "он педагогически запущенный") == "педагогически запущенный")
        #expect(PersonalData.label(in: "педагогически грамотный") == nil)
    }

    @Test func datesInBothNotations() {
        #expect(DayDate(parsing: "2020-12-25") == DayDate(year: 2020, month: 12, day: 25))
        #expect(DayDate(parsing: "25.12.2020") == DayDate(year: 2020, month: 12, day: 25))
        #expect(DayDate(parsing: "29.02.2023") == nil)
        #expect(DayDate(parsing: "29.02.2024")?.russianLong == "29 февраля 2024 г.")
        #expect(DayDate(year: 2024, month: 9, day: 1)!.weekday == 6)  // a Sunday
    }

    @Test func russianNumbers() {
        #expect(RussianNumber.percent(52.0 / 480 * 100) == "10,8\u{00A0}%")
        #expect(RussianNumber.percent(70) == "70\u{00A0}%")
        #expect(RussianNumber.integer(12480) == "12\u{00A0}480")
        #expect(DiagnosticReport.plural(21, "ошибка", "ошибки", "ошибок") == "ошибка")
        #expect(DiagnosticReport.plural(12, "ошибка", "ошибки", "ошибок") == "ошибок")
        #expect(DiagnosticReport.plural(3, "ошибка", "ошибки", "ошибок") == "ошибки")
    }

    @Test func fullNamesWithPatronymicAreFound() {
        #expect(PersonalData.fullNames(in: "Наставник Иванова Мария Петровна провела урок.") == ["Иванова Мария Петровна"])
        #expect(PersonalData.fullNames(in: "Выступила Мария Петровна Иванова.") == ["Мария Петровна Иванова"])
        #expect(PersonalData.fullNames(in: "Сергей Ильич, здравствуйте") == [])
        #expect(PersonalData.fullNames(in: "Петров И. И. и Карпович") == [])
        // Irregular patronymics, and words that merely end like one.
        #expect(PersonalData.fullNames(in: "Руководил Кузнецов Пётр Ильич.") == ["Кузнецов Пётр Ильич"])
        #expect(PersonalData.fullNames(in: "Иван Кузьмич Сидоров пришёл") == ["Иван Кузьмич Сидоров"])
        #expect(PersonalData.fullNames(in: "Практический Химический Аналитич опыт") == [])
        #expect(PersonalData.sameName("Мария Петровна Иванова", "Иванова Мария Петровна"))
    }

    @Test func summaryIsRussian() {
        let d = { (s: Severity, f: String) in Diagnostic(s, "r", "m", at: SourceRef(file: f, line: 1, column: 1)) }
        #expect(DiagnosticReport.summary([d(.error, "a"), d(.error, "b"), d(.error, "b"), d(.warning, "c"), d(.warning, "d")])
                == "Найдено 3 ошибки и 2 предупреждения в 4 файлах.")
        #expect(DiagnosticReport.summary([d(.error, "a")]) == "Найдена 1 ошибка в 1 файле.")
        #expect(DiagnosticReport.summary([]) == "Ошибок и предупреждений нет.")
    }
}

@Suite struct RussianFoldTests {
    @Test(arguments: ["Ёлка ЁЖ Щука", "ШКОЛА № 7 «Наставник»", "Ärger İstanbul ΣΟΦΙΑ", "Mixed Кириллица and Latin – тире", ""])
    func foldEqualsLowercasedWithYoAsYe(_ text: String) {
        #expect(RussianFold.fold(text) == text.lowercased().replacingOccurrences(of: "ё", with: "е"))
    }
}

@Suite struct BankSourcesTests {
    @Test func schoolAddressesAreUniqueReadableAndClearOfFacetFolders() {
        let ids = BankLoader.uniqueIDs(["schools/a/content", "other/a/content", "schools/Школа №7/content", "x/year/content", "b"])
        #expect(ids == ["a", "a-2", "shkola-7", "school-year", "b"])
    }

    @Test func patternsExpandToSortedFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nastavnik-glob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["schools/b/content", "schools/a/content", "schools/c/other", "schools/file.txt"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        #expect(BankLoader.expand("schools/*/content", in: root.path) == ["schools/a/content", "schools/b/content"])
        #expect(BankLoader.expand("nothing/*", in: root.path) == [])
    }

    @Test func fixedDecimalsKeepTheirZeros() {
        #expect(RussianNumber.fixed(0.2, digits: 2) == "0,20")
        #expect(RussianNumber.fixed(12.345, digits: 1) == "12,3")
        #expect(RussianNumber.fixed(3, digits: 2) == "3,00")
        #expect(RussianNumber.fixed(-1.5, digits: 1) == "-1,5")
    }
}
