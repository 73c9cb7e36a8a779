import Domain
import Foundation
import Markdown
import Theme

/// The validation report a regional centre sends back to schools: for every school, built
/// or left out, with each error and warning and its file and line. Written outside the
/// public site (`report/index.html` and `report/report.json`).
public struct BankReport: Sendable, Codable {
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

    /// How the bank's folder is shown in the terminal; the report's own paths start below it.
    var shownRoot = ""

    init(title: String, date: DayDate, bank: Bank, bankDiagnostics: [Diagnostic], shownRoot: String = "") {
        self.title = title
        self.date = date.russian
        self.shownRoot = shownRoot
        self.bankDiagnostics = bankDiagnostics
        var practices = [Int](repeating: 0, count: bank.schools.count)
        for p in bank.practices where practices.indices.contains(p.school) { practices[p.school] += 1 }
        schools = bank.schools.enumerated().map { i, s in
            let sorted = s.diagnostics.filter { $0.severity != .info }.sortedForReport()
            return School(folder: s.folder, id: s.id, organization: s.fullName,
                          municipality: s.municipality, built: !s.excluded, practices: practices[i],
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

    /// The report as schools read it: paths from the bank's folder, also inside messages.
    var forSchools: BankReport {
        guard !shownRoot.isEmpty else { return self }
        let root = shownRoot
        func relative(_ d: Diagnostic) -> Diagnostic {
            var d = d
            d.location.file = Self.relative(d.location.file, to: root)
            d.message = Self.relativeInText(d.message, root: root)
            return d
        }
        var out = self
        out.shownRoot = ""
        out.bankDiagnostics = bankDiagnostics.map(relative)
        for i in out.schools.indices {
            out.schools[i].folder = Self.relative(out.schools[i].folder, to: root)
            out.schools[i].diagnostics = out.schools[i].diagnostics.map(relative)
        }
        return out
    }

    /// report.json: keys in alphabetical order, absent values left out.
    public func json() -> Data {
        func diagnostic(_ d: Diagnostic, _ json: inout JSONWriter) {
            json.object { json in
                json.field("hint", d.hint)
                json.key("location")
                json.object { json in
                    json.field("column", d.location.column)
                    json.field("file", d.location.file)
                    json.field("line", d.location.line)
                }
                json.field("message", d.message)
                json.field("rule", d.rule)
                json.field("severity", d.severity.rawValue)
            }
        }
        let out = JSONWriter.write(pretty: true) { json in
            json.object { json in
                json.key("bank")
                json.array { json in for d in bankDiagnostics { diagnostic(d, &json) } }
                json.field("date", date)
                json.key("schools")
                json.array { json in
                    for school in schools {
                        json.object { json in
                            json.field("built", school.built)
                            json.key("diagnostics")
                            json.array { json in for d in school.diagnostics { diagnostic(d, &json) } }
                            json.field("errors", school.errors)
                            json.field("folder", school.folder)
                            json.field("id", school.id)
                            json.field("municipality", school.municipality)
                            json.field("organization", school.organization)
                            json.field("practices", school.practices)
                            json.key("submissions")
                            json.array { json in
                                for p in school.submissions {
                                    json.object { json in
                                        json.field("comment", p.comment)
                                        json.field("score", p.score)
                                        json.field("slug", p.slug)
                                        json.field("status", p.status)
                                        json.field("title", p.title)
                                    }
                                }
                            }
                            json.field("warnings", school.warnings)
                        }
                    }
                }
                json.field("title", title)
                json.key("totals")
                json.object { json in
                    json.field("built", schools.count - excluded.count)
                    json.field("excluded", excluded.count)
                    json.field("schools", schools.count)
                }
            }
        }
        return Data(out.utf8)
    }

    /// The data of the theme's `report.mustache`.
    func context() -> ReportModel {
        let decisions = ["selected": "отобрана", "candidate": "на рассмотрении", "rejected": "отклонена", "not_reviewed": "решения нет"]
        func schoolItem(_ s: School) -> ReportSchool {
            ReportSchool(
                id: s.id, organization: Typographer.apply(s.organization), folder: s.folder,
                municipality: s.municipality.map { Typographer.apply($0) } ?? "",
                built: s.built, practices: s.practices, errors: s.errors, warnings: s.warnings,
                diagnostics: s.diagnostics.map(Self.diagnosticItem), clean: s.diagnostics.isEmpty,
                submissions: !s.submissions.contains(where: { $0.status != nil }) ? [] : s.submissions.map { p in
                    ReportSubmission(title: Typographer.apply(p.title), key: s.id + "/" + p.slug, decision: decisions[p.status ?? ""] ?? "",
                                     score: p.score.map(String.init) ?? "", comment: p.comment.map { Typographer.apply($0) } ?? "")
                })
        }
        return ReportModel(title: Typographer.apply(title), date: date, total: schools.count, built: schools.count - excluded.count,
                           excluded: excluded.count, schools: schools.map(schoolItem),
                           bankDiagnostics: bankDiagnostics.map(Self.diagnosticItem))
    }

    /// A finding with its message cut into text and `code` pieces: the messages quote file
    /// names and values between backticks, which a page shows as code, not as backticks.
    static func diagnosticItem(_ d: Diagnostic) -> ReportFinding {
        let place = d.location.line > 0 ? "\(d.location.file):\(d.location.line):\(d.location.column)" : d.location.file
        return ReportFinding(place: place, error: d.severity == .error, severity: d.severity == .error ? "Ошибка" : "Предупреждение",
                             message: pieces(d.message), hint: d.hint.map(pieces) ?? [], rule: d.rule)
    }

    static func pieces(_ text: String) -> [TextPiece] {
        var out: [TextPiece] = []
        var typographer = Typographer()
        for (i, part) in text.components(separatedBy: "`").enumerated() where !part.isEmpty {
            // Words get Russian typography; quoted file names and values stay as typed.
            out.append(TextPiece(text: i % 2 == 1 ? part : typographer.process(part), code: i % 2 == 1))
        }
        return out
    }

    /// `root/…` where a path starts in a message (after a space, «`», «(», «« » or at the start),
    /// never in the middle of a word or of another path.
    static func relativeInText(_ text: String, root: String) -> String {
        let prefix = root + "/"
        var out = ""
        var rest = text[...]
        while let range = rest.range(of: prefix) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            out += rest[..<range.lowerBound]
            if before == nil || before == " " || before == "`" || before == "(" || before == "«" {
                // dropped: the path now starts at the bank's folder
            } else {
                out += prefix
            }
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// Paths in the report are relative to the bank's folder: the report travels to schools,
    /// and the server's folders are none of their business.
    static func relative(_ path: String, to root: String) -> String {
        guard !root.isEmpty else { return path }
        if path == root { return "." }
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
