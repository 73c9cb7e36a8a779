import Domain
import Foundation
import Markdown

/// The validation report a regional centre sends back to schools: for every school, built
/// or left out, with each error and warning and its file and line. Written outside the
/// public site (`report/index.html` and `report/report.json`).
public struct BankReport: Sendable {
    public struct School: Sendable, Codable {
        public var folder: String
        public var id: String
        public var organization: String
        public var municipality: String?
        public var built: Bool
        public var practices: Int
        public var errors: Int
        public var warnings: Int
        public var diagnostics: [Diagnostic]
        /// Every practice the school sent, with the centre's decision when there is a review.yml.
        public var submissions: [Submission] = []
    }

    public struct Submission: Sendable, Codable {
        public var slug: String
        public var title: String
        public var status: String?
        public var score: Int?
        public var comment: String?
    }

    public var title: String
    public var date: String
    public var schools: [School]
    /// The bank's own findings (patterns that match nothing).
    public var bankDiagnostics: [Diagnostic]

    public var excluded: [School] { schools.filter { !$0.built } }

    init(title: String, date: DayDate, bank: Bank, bankDiagnostics: [Diagnostic]) {
        self.title = title
        self.date = date.russian
        self.bankDiagnostics = bankDiagnostics
        schools = bank.schools.enumerated().map { i, s in
            let sorted = s.diagnostics.filter { $0.severity != .info }.sortedForReport()
            return School(folder: s.folder, id: s.id, organization: s.fullName,
                          municipality: s.municipality, built: !s.excluded, practices: bank.practices.filter { $0.school == i }.count,
                          errors: sorted.filter { $0.severity == .error }.count,
                          warnings: sorted.filter { $0.severity == .warning }.count, diagnostics: sorted,
                          submissions: (s.content?.cases ?? []).map { c in
                              let decision = bank.reviews?[s.id + "/" + c.slug]
                              return Submission(slug: c.slug, title: c.title, status: decision.map { $0.status.rawValue }
                                                    ?? (bank.reviews == nil ? nil : "not_reviewed"),
                                                score: decision?.score, comment: decision?.comment)
                          })
        }
    }

    public func json() -> Data {
        struct Totals: Encodable {
            var schools: Int
            var built: Int
            var excluded: Int
        }
        struct Document: Encodable {
            var title: String
            var date: String
            var totals: Totals
            var schools: [School]
            var bank: [Diagnostic]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(title: title, date: date,
                                totals: Totals(schools: schools.count, built: schools.count - excluded.count, excluded: excluded.count),
                                schools: schools, bank: bankDiagnostics)
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }

    public func html() -> String {
        func e(_ s: String) -> String { HTMLEscape.escape(s) }
        func submissions(_ s: School) -> String {
            guard !s.submissions.isEmpty, s.submissions.contains(where: { $0.status != nil }) else { return "" }
            let titles = ["selected": "отобрана", "candidate": "на рассмотрении", "rejected": "отклонена", "not_reviewed": "решения нет"]
            return "<h3>Решения по практикам</h3><ul>" + s.submissions.map { p in
                "<li>\(e(p.title)) (<code>\(e(s.id))/\(e(p.slug))</code>): \(e(titles[p.status ?? ""] ?? "—"))"
                    + (p.score.map { ", балл \($0)" } ?? "") + (p.comment.map { " — \(e($0))" } ?? "") + "</li>"
            }.joined() + "</ul>"
        }
        func line(_ d: Diagnostic) -> String {
            let place = d.location.line > 0 ? "\(d.location.file):\(d.location.line):\(d.location.column)" : d.location.file
            return "<li class=\"\(d.severity == .error ? "error" : "warning")\"><code>\(e(place))</code>: \(d.severity.russian): "
                + "\(e(d.message)) <span class=\"rule\">[\(e(d.rule))]</span>"
                + (d.hint.map { "<br><span class=\"hint\">\(e($0))</span>" } ?? "") + "</li>"
        }
        var rows = ""
        var details = ""
        for s in schools {
            let status = s.built ? "<span class=\"ok\">собрана</span>" : "<span class=\"bad\">исключена</span>"
            rows += "<tr><td><a href=\"#\(e(s.id))\">\(e(s.organization))</a><br><code>\(e(s.folder))</code></td>"
                + "<td>\(e(s.municipality ?? "—"))</td><td>\(status)</td><td>\(s.practices)</td><td>\(s.errors)</td><td>\(s.warnings)</td></tr>\n"
            details += "<section id=\"\(e(s.id))\"><h2>\(e(s.organization))</h2><p><code>\(e(s.folder))</code> — \(status). "
                + (s.built ? "Опубликовано практик: \(s.practices)." : "Школа не попала в банк: исправьте ошибки и пришлите папку снова.")
                + "</p>"
                + (s.diagnostics.isEmpty ? "<p>Замечаний нет.</p>" : "<ul>" + s.diagnostics.map(line).joined() + "</ul>")
                + submissions(s) + "</section>\n"
        }
        let bank = bankDiagnostics.isEmpty ? "" : "<h2>Замечания к настройкам банка</h2><ul>" + bankDiagnostics.map(line).joined() + "</ul>"
        return """
        <!DOCTYPE html>
        <html lang="ru">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Отчёт о проверке — \(e(title))</title>
        <style>
        body{font-family:system-ui,"Liberation Sans",Arial,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;line-height:1.5;color:#1b1f24}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:.3rem .5rem;text-align:left;vertical-align:top}
        .ok{color:#1e7b34;font-weight:700}.bad{color:#b3261e;font-weight:700}li.error{color:#7a1a14}.hint,.rule{color:#555}
        code{overflow-wrap:anywhere}.table-scroll{overflow-x:auto}
        </style>
        </head>
        <body>
        <main>
        <h1>Отчёт о проверке материалов школ</h1>
        <p>\(e(title)), \(e(date)). Школ: \(schools.count), собрано: \(schools.count - excluded.count), исключено: \(excluded.count).</p>
        \(bank)
        <div class="table-scroll" role="region" aria-label="Школы" tabindex="0">
        <table>
        <thead><tr><th scope="col">Организация и папка</th><th scope="col">Муниципалитет</th><th scope="col">Статус</th><th scope="col">Практик</th><th scope="col">Ошибок</th><th scope="col">Предупреждений</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </div>
        \(details)
        </main>
        </body>
        </html>

        """
    }
}
