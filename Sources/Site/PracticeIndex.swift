import Domain
import Foundation
import Markdown

/// `practices.json`: what the script on the practices page filters and searches.
enum PracticeIndex {
    static func json(_ bank: BankSite) -> Data {
        let out = JSONWriter.write { json in
            json.array { json in
                for i in bank.listings[.all] ?? [] {
                    let p = bank.bank.practices[i]
                    let school = bank.bank.schools[p.school]
                    let c = bank.bank.mentoringCase(p)
                    json.object { json in
                        json.field("t", c.title)
                        json.field("u", BankURLs.practice(school.id, c.slug))
                        json.field("o", school.name)
                        json.field("m", school.municipality ?? Bank.unknownMunicipality)
                        json.field("f", c.form.title)
                        json.field("r", c.roleModel)
                        json.field("l", c.level?.title)
                        json.field("y", c.period.map { String($0.year) })
                        json.field("s", c.summary)
                        // The school's page and the practice's dates, so cards the script builds match the page's.
                        json.field("h", BankURLs.school(school.id))
                        json.field("p", c.period?.russian)
                        json.field("x", SearchIndex.fold(([c.title, school.name, c.summary ?? "", c.audience ?? ""] + c.tags + c.results)
                            .joined(separator: " ")))
                    }
                }
            }
        }
        return Data(out.utf8)
    }
}
