import Foundation
@testable import Site
import Testing
import TestSupport

/// The search index stems with libstemmer; the page's script with a JavaScript port of the
/// same Snowball algorithm. Both are held to PyPI's snowballstemmer over the demo's whole
/// vocabulary (Tests/Fixtures/stems/ru.tsv, written by Tests/checks/stem_parity.py, which
/// also checks the script against the same file).
@Suite struct SearchTests {
    @Test func libstemmerAgreesWithSnowballOverTheDemoVocabulary() throws {
        let table = try String(contentsOf: Repo.fixtures.appendingPathComponent("stems/ru.tsv"), encoding: .utf8)
        let rows = table.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count > 500, "the demo has more than \(rows.count) distinct words")
        let stemmer = RussianStemmer()
        var differences: [String] = []
        #expect(rows.allSatisfy { $0.count == 2 }, "every line is word<TAB>stem")
        for row in rows where row.count == 2 {
            let got = stemmer.stem(String(row[0]))
            if got != row[1] { differences.append("\(row[0]): \(got) ≠ \(row[1])") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    @Test func wordsAreFoldedAndSplitLikeTheScript() {
        #expect(RussianStemmer.words("Учитель-учитель, ЁЛКА № 7; web2.0 «Точка»") ==
                ["учитель", "учитель", "елка", "7", "web2", "0", "точка"])
        let stemmer = RussianStemmer()
        #expect(stemmer.stems("молодых педагогов") == stemmer.stems("Школа молодого педагога").suffix(2))
        #expect(stemmer.stems("дорожную карту") == stemmer.stems("Дорожная карта"))
        let text = "Дорожная карта: дорожную карту наставников утвердили; наставники — 7 человек"
        #expect(stemmer.stems(text).count == Set(stemmer.stems(text)).count && stemmer.stems(text).count < RussianStemmer.words(text).count)
        #expect(!stemmer.stems("благодарность").contains(stemmer.stem("год")))
    }

    @Test func everyPageKindIsIndexedWithItsType() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try runNastavnik(["build", "-c", Repo.root.appendingPathComponent("content").path, "-o", "site"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: work.appendingPathComponent("site/search-index.json"))
        let index = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let docs = index?["docs"] as? [[String: String]] ?? []
        let kinds = Set(docs.compactMap { $0["k"] })
        for kind in ["Главная", "Документы", "Программа", "Дорожная карта", "Показатели", "Кейс", "Наставник", "Новость", "Партнёры", "Страница"] {
            #expect(kinds.contains(kind), "\(kind) is not in the index")
        }
        let stemmer = RussianStemmer()
        let roadmap = docs.first { $0["u"] == "roadmap/" }
        #expect(roadmap?["w"]?.split(separator: " ").contains(Substring(stemmer.stem("дорожную"))) == true)
        // Link targets are not words of the page.
        #expect(docs.allSatisfy { !($0["x"] ?? "").contains("https://") })
    }
}
