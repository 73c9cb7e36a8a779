import Domain
import Foundation
import Site
import Testing
import TestSupport

/// Builds whole sites with the real binary and inspects the HTML, the exit code and the output folder.
@Suite(.serialized) struct EndToEndTests {
    @Test func demoSiteBuildsCleanlyWithEverySection() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try runNastavnik(["build", "--content", Repo.root.appendingPathComponent("content").path, "--out", "public",
                                       "--today", "2026-11-26"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("предупреждений: 0"))
        // Not a terminal: no progress lines, only the final summary.
        #expect(!result.stderr.contains("Сборка:"))
        #expect(result.stderr.hasSuffix("Сайт в папке public.\n"))
        let out = work.appendingPathComponent("public")
        let home = read(out.appendingPathComponent("index.html"))
        #expect(home.contains("<html lang=\"ru\">"))
        #expect(home.contains("class=\"skip-link\" href=\"#main\""))
        #expect(home.contains("Веретенникова Ольга Николаевна"))
        #expect(home.contains("href=\"./news/\""))
        for page in ["documents/", "programs/programma-2024/", "roadmap/", "indicators/", "cases/", "cases/robototehnika/",
                     "cases/form/uchenik-uchenik/", "mentors/ivanova/", "news/", "news/page/2/", "news/2024-09-02-start-programmy/",
                     "partners/", "kak-stat-nastavnikom/", "search/"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(page + "index.html").path), "\(page)")
        }
        for file in ["404.html", "sitemap.xml", "robots.txt", "news/rss.xml", "news/atom.xml", "search-index.json",
                     "assets/site.css", "files/r-145.pdf", "images/robot.png"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        // Links inside Markdown are made relative to the page, so the site works in a sub-folder.
        let news = read(out.appendingPathComponent("news/2024-04-18-robototekhnika/index.html"))
        #expect(news.contains("href=\"../../cases/robototehnika/\""))
        let documents = read(out.appendingPathComponent("documents/index.html"))
        #expect(documents.contains("Распоряжение Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении методологии"))
        let indicators = read(out.appendingPathComponent("indicators/index.html"))
        #expect(indicators.contains("10,8 %"))  // 52 / 480
        // The chart: HTML bars on a scale that fits the data (the largest value is 77,8 %),
        // both values labelled, a legend for exactly the colours drawn, a text alternative.
        #expect(indicators.contains("<figure class=\"ichart\">"))
        #expect(indicators.contains("<span class=\"ichart-label\">цель: <b>10 %</b></span>"))
        #expect(indicators.contains("<span class=\"ichart-label\">факт: <b>10,8 %</b></span>"))
        #expect(indicators.contains("<span class=\"ichart-tick\" style=\"left: 100%\">80 %</span>"))
        #expect(indicators.contains("<span class=\"key fact missed\"></span>"))
        #expect(indicators.contains("<figcaption class=\"visually-hidden\">Показатель «Доля детей и молодежи в возрасте от 10 до 19 лет"))
        let roadmap = read(out.appendingPathComponent("roadmap/index.html"))
        #expect(roadmap.contains("1.2"))
        #expect(roadmap.contains("Ноябрь–декабрь 2020 г."))
        let program = read(out.appendingPathComponent("programs/programma-2024/index.html"))
        #expect(program.contains("<h2 id=\"formy-nastavnichestva\">"))
        #expect(program.contains("работодатель – ученик"))
        #expect(read(out.appendingPathComponent("404.html")).contains("href=\"/nastavnichestvo/assets/site.css\""))
        let sitemap = read(out.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://school7-slobodskoy.example.ru/nastavnichestvo/news/</loc>"))
        #expect(!sitemap.contains("/sv/"))
        #expect(sitemap.contains("<loc>https://school7-slobodskoy.example.ru/nastavnichestvo/news/2024-04-18-robototekhnika/</loc><lastmod>2024-04-18</lastmod>"))

        // The version for the visually impaired needs no JavaScript: a pre-rendered copy under sv/.
        #expect(home.contains("<a class=\"a11y-toggle\" href=\"./sv/\">Версия для слабовидящих</a>"))
        // A news item with a cover is shared with its picture, absolute because base_url is set.
        let coverNews = read(out.appendingPathComponent("news/2024-04-18-robototekhnika/index.html"))
        #expect(coverNews.contains("<meta property=\"og:image\" content=\"https://school7-slobodskoy.example.ru/nastavnichestvo/images/robot.png\">"))
        #expect(coverNews.contains("<meta property=\"og:image:alt\" content=\"Команда школы с дипломом соревнований\">"))
        #expect(coverNews.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        let visionNews = read(out.appendingPathComponent("sv/news/2024-04-18-robototekhnika/index.html"))
        #expect(visionNews.contains("<html lang=\"ru\" class=\"vision\" data-vision=\"on\">"))
        #expect(visionNews.contains("href=\"../../../news/2024-04-18-robototekhnika/\">Обычная версия</a>"))
        #expect(visionNews.contains("href=\"../../cases/robototehnika/\""))  // stays inside the copy
        #expect(visionNews.contains("href=\"../../news/rss.xml\""))        // the copy has the feeds too
        for file in ["sv/index.html", "sv/news/rss.xml"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        // Assets, pictures and documents are published once: the copy links to them one level up.
        #expect(read(out.appendingPathComponent("sv/search/index.html")).contains("data-index=\"../../search-index.js\""))
        for file in ["sv/assets/site.css", "sv/images/robot.png", "sv/files/r-145.pdf", "sv/search-index.js", "sv/search-index.json"] {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        #expect(visionNews.contains("href=\"../../../assets/site.css\""), "\(visionNews)")
        let visionHome = read(out.appendingPathComponent("sv/index.html"))
        #expect(visionHome.contains("\"./../images/"), "\(visionHome)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sv/404.html").path))
        // Task list checkboxes get a name for screen readers.
        let taskCase = read(out.appendingPathComponent("cases/molodoy-pedagog/index.html"))
        #expect(taskCase.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Выполнено\" />"))
    }

    @Test func threeBrokenFilesAreAllReportedAndPublicIsUntouched() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let first = try runNastavnik(["build", "--today", "2025-06-01"], in: site)
        #expect(first.status == 0, "\(first.stderr)")
        let index = site.appendingPathComponent("public/index.html")
        let before = try Data(contentsOf: index)
        let listing = try FileManager.default.subpathsOfDirectory(atPath: site.appendingPathComponent("public").path).sorted()

        try overlay(Repo.fixtures.appendingPathComponent("invalid/three-files-three-problems/content"),
                    onto: site.appendingPathComponent("content"))
        let broken = try runNastavnik(["build", "--today", "2025-06-01"], in: site)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("content/news/a.md:3:5: ошибка: не удаётся разобрать YAML"))
        #expect(broken.stderr.contains("content/news/b.md:1:1: ошибка: нет обязательного поля `date`"))
        #expect(broken.stderr.contains("content/cases/c.md:4:1: предупреждение: неизвестное поле `yaer`; возможно, `year`? [field.unknown]"))
        #expect(broken.stderr.contains("Найдено 2 ошибки и 1 предупреждение в 3 файлах."))
        #expect(broken.stderr.contains("Прежняя версия в папке public не изменена"))
        #expect(try Data(contentsOf: index) == before)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: site.appendingPathComponent("public").path).sorted() == listing)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty)
    }

    @Test func subFolderBaseURLAndJSONFormat() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try runNastavnik(["build", "--base-url", "https://example.org/a/b/", "--today", "2025-06-01"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(read(site.appendingPathComponent("public/sitemap.xml")).contains("<loc>https://example.org/a/b/news/</loc>"))
        #expect(read(site.appendingPathComponent("public/news/2024-09-01-start/index.html")).contains("href=\"../../assets/site.css\""))
        try overlay(Repo.fixtures.appendingPathComponent("invalid/too-many-mentees/content"), onto: site.appendingPathComponent("content"))
        let json = try runNastavnik(["check", "--format", "json", "--today", "2025-06-01"], in: site)
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"rule\" : \"mentor.too-many-mentees\""))
    }

    @Test func usageAndEnvironmentErrorsExitTwo() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let missing = try runNastavnik(["build", "--content", "nope"], in: work)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("папка с материалами «nope» не найдена"))
        let bad = try runNastavnik(["build", "--no-such-flag"], in: work)
        #expect(bad.status == 2)
        #expect(bad.stderr == "ошибка: неверный вызов: неизвестный параметр --no-such-flag\nСправка: nastavnik build --help\n")
        let missingTitle = try runNastavnik(["new", "case"], in: work)
        #expect(missingTitle.stderr.hasPrefix("ошибка: неверный вызов: не хватает аргумента <заголовок>"))
        let help = try runNastavnik(["--help"], in: work)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Генератор сайта «Наставничество»"))
        // The parser's own headings are translated too.
        for command in [["--help"], ["new", "--help"], ["build", "--help"]] {
            let text = try runNastavnik(command, in: work).stdout
            #expect(text.contains("ПАРАМЕТРЫ:") && text.contains("Показать эту справку."), "\(command)")
            for english in ["USAGE", "OPTIONS", "OVERVIEW", "SUBCOMMANDS", "ARGUMENTS", "Show help", "default:"] {
                #expect(!text.contains(english), "\(command): \(english)")
            }
        }
    }

    @Test func draftsAreBuiltOnlyWhenAsked() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try "---\ntitle: \"Черновик\"\ndate: 2024-09-05\ndraft: true\n---\nТекст\n"
            .write(to: site.appendingPathComponent("content/news/draft.md"), atomically: true, encoding: .utf8)
        _ = try runNastavnik(["build", "--today", "2025-06-01"], in: site)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public/news/draft/index.html").path))
        _ = try runNastavnik(["build", "--drafts", "--today", "2025-06-01"], in: site)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/news/draft/index.html").path))
    }
}

/// A site replaces single templates and assets of `default` by name (docs/themes.md).
@Suite struct ThemeOverrideTests {
    @Test func ownThemeReplacesOneTemplateAndOneAssetAndKeepsTheRest() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("content/site.yml")
        try (read(settings) + "theme: myschool\n").write(to: settings, atomically: true, encoding: .utf8)
        let own = site.appendingPathComponent("themes/myschool")
        try FileManager.default.createDirectory(at: own.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: own.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try "<li class=\"my-card\">{{title}} · {{date}}</li>\n"
            .write(to: own.appendingPathComponent("templates/news-card.mustache"), atomically: true, encoding: .utf8)
        try "body{color:#123456}\n".write(to: own.appendingPathComponent("assets/site.css"), atomically: true, encoding: .utf8)
        try "/* logo */\n".write(to: own.appendingPathComponent("assets/extra.css"), atomically: true, encoding: .utf8)

        let result = try runNastavnik(["build", "--today", "2025-06-01"], in: site)
        #expect(result.status == 0, "\(result.stderr)")
        let out = site.appendingPathComponent("public")
        let news = read(out.appendingPathComponent("news/index.html"))
        #expect(news.contains("<li class=\"my-card\">"))
        #expect(news.contains("<a class=\"skip-link\""))  // base.mustache still from default
        #expect(read(out.appendingPathComponent("assets/site.css")) == "body{color:#123456}\n")
        #expect(read(out.appendingPathComponent("assets/extra.css")) == "/* logo */\n")
        #expect(read(out.appendingPathComponent("assets/a11y.js")).contains("localStorage"))
        #expect(read(out.appendingPathComponent("sv/index.html")).contains("href=\"./../assets/site.css\""))
    }
}

/// `init`, `new` and `build --zip`: what an editor does before writing any content.
@Suite struct ScaffoldingTests {
    @Test func initMakesASiteThatBuildsCleanly() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let made = try runNastavnik(["init", "shkola", "--today", "2026-11-26"], in: work)
        #expect(made.status == 0, "\(made.stderr)")
        let settings = read(work.appendingPathComponent("shkola/content/site.yml"))
        #expect(settings.contains("theme: default"))
        #expect(settings.contains("# school | college | additional"))
        let built = try runNastavnik(["build", "--content", "shkola/content", "--out", "shkola/public", "--today", "2026-11-26"], in: work)
        #expect(built.status == 0, "\(built.stderr)")
        // What a new site lacks is only what the school must fill in itself (its own приказ,
        // положение, curator's contacts): those warnings and no other.
        let warnings = built.stderr.split(separator: "\n").filter { $0.contains(": предупреждение: ") }
        #expect(!warnings.isEmpty && warnings.allSatisfy { $0.contains("[site.missing-") }, "\(built.stderr)")
        #expect(built.stderr.contains("[site.missing-curator]"))
        #expect(!built.stderr.contains("ошибка"))
        for page in ["cases/pervyy-keys/", "mentors/primer/", "news/2026-11-26-sayt-o-nastavnichestve-otkryt/",
                     "programs/programma-nastavnichestva/", "kak-stat-nastavnikom/", "roadmap/", "indicators/", "documents/", "partners/"] {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("shkola/public/" + page + "index.html").path), "\(page)")
        }
        let again = try runNastavnik(["init", "shkola"], in: work)
        #expect(again.status == 2)
        #expect(again.stderr.contains("уже есть файлы — не перезаписываю"))
    }

    @Test func newWritesACommentedFileAndNeverOverwrites() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let news = try runNastavnik(["new", "news", "Итоги года", "--today", "2025-05-20"], in: site)
        #expect(news.status == 0, "\(news.stderr)")
        #expect(news.stdout == "content/news/2025-05-20-itogi-goda.md\n")
        let text = read(site.appendingPathComponent("content/news/2025-05-20-itogi-goda.md"))
        #expect(text.contains("title: \"Итоги года\"   # заголовок новости"))
        #expect(text.contains("draft: true"))
        let caseFile = try runNastavnik(["new", "case", "Итоги года"], in: site)
        #expect(caseFile.stdout == "content/cases/itogi-goda.md\n")
        #expect(read(site.appendingPathComponent("content/cases/itogi-goda.md"))
            .contains("# форма наставничества: ученик – ученик | учитель – учитель"))
        for (kind, title, path) in [("program", "Программа 2025", "programs/programma-2025.md"), ("page", "О проекте", "pages/o-proekte.md")] {
            let made = try runNastavnik(["new", kind, title], in: site)
            #expect(made.stdout == "content/\(path)\n", "\(made.stderr)")
        }
        // The new case, program, page and the draft news are accepted as they are.
        let check = try runNastavnik(["check", "--today", "2025-06-01"], in: site)
        #expect(check.status == 0, "\(check.stderr)")

        try "мой текст".write(to: site.appendingPathComponent("content/cases/itogi-goda.md"), atomically: true, encoding: .utf8)
        let again = try runNastavnik(["new", "case", "Итоги года"], in: site)
        #expect(again.status == 2)
        #expect(again.stderr.contains("файл content/cases/itogi-goda.md уже есть — не перезаписываю"))
        #expect(read(site.appendingPathComponent("content/cases/itogi-goda.md")) == "мой текст")
        let mentor = try runNastavnik(["new", "mentor", "Петров Пётр Петрович"], in: site)
        #expect(mentor.stdout == "content/mentors/petrov-pyotr-petrovich.md\n")
        let unknown = try runNastavnik(["new", "poem", "Стихи"], in: site)
        #expect(unknown.status == 2)
    }

    @Test func zipKeepsTheBasePath() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let built = try runNastavnik(["build", "--content", Repo.root.appendingPathComponent("content").path, "--out", "public",
                                      "--zip", "site.zip", "--today", "2026-11-26"], in: work)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("(внутри папка nastavnichestvo/)"))
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["python3", "-c", "import zipfile,sys; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
                           work.appendingPathComponent("site.zip").path]
        let out = Pipe()
        unzip.standardOutput = out
        try unzip.run()
        let names = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
        unzip.waitUntilExit()
        #expect(names.contains("nastavnichestvo/index.html"))
        #expect(names.contains("nastavnichestvo/sv/index.html"))
        #expect(names.contains("nastavnichestvo/files/r-145.pdf"))
        #expect(names.allSatisfy { $0.hasPrefix("nastavnichestvo/") })
    }
}

/// A regional bank built from fixture schools (Tests/Fixtures/bank): one broken school,
/// one practice sent twice, indicators summed by hand.
@Suite struct BankTests {
    @Test func bankBuildsWithoutTheBrokenSchoolAndReportsIt() throws {
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try overlay(Repo.fixtures.appendingPathComponent("bank"), onto: work)
        let result = try runNastavnik(["build", "--today", "2026-11-26"], in: work)
        // The bank itself built: exit 0 although one school is left out.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Банк практик: 5 организаций, собрано 4, исключено 1."))
        #expect(result.stderr.contains("исключена: МБОУ «Сломанная школа», content/schools/broken/content — 2 ошибки"))
        #expect(result.stderr.contains("content/schools/broken/content/cases/bad.md:3:7: «ученик – космонавт» — не форма наставничества целевой модели [form.unknown]"))
        #expect(result.stderr.contains("content/site.yml:9:10: предупреждение: по шаблону `missing/*/content` не найдено ни одной папки школы [bank.source-empty]"))

        // The report for the centre, outside the public site.
        let report = read(work.appendingPathComponent("report/index.html"))
        #expect(report.contains("Школ: 5, собрано: 4, исключено: 1."))
        // Paths from the bank's folder, Russian severity, code instead of backticks.
        #expect(report.contains("<span class=\"severity\">Ошибка</span> в <span class=\"place\">schools/broken/content/cases/bad-yaml.md:3:1</span>: не удаётся разобрать YAML"))
        #expect(!report.contains("`"))
        #expect(!report.contains(Repo.root.path))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("report/report.json"))) as! [String: Any]
        let schools = json["schools"] as! [[String: Any]]
        let broken = schools.first { $0["id"] as? String == "broken" }!
        #expect(broken["built"] as? Bool == false)
        #expect(broken["organization"] as? String == "МБОУ «Сломанная школа»")
        #expect(broken["municipality"] as? String == "Слободской район")
        #expect(broken["errors"] as? Int == 2)
        let delta = schools.first { $0["id"] as? String == "delta" }!
        #expect(delta["built"] as? Bool == true)
        // The duplicate, and what the school's page lacks for an inspection (13.7).
        let deltaRules = (delta["diagnostics"] as! [[String: Any]]).compactMap { $0["rule"] as? String }
        #expect(deltaRules.contains("bank.duplicate-practice"))
        #expect(deltaRules.filter { $0 != "bank.duplicate-practice" }.allSatisfy { $0.hasPrefix("site.missing-") }, "\(deltaRules)")
        #expect(delta["warnings"] as? Int == deltaRules.count)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("public/report").path))

        let out = work.appendingPathComponent("public")
        let home = read(out.appendingPathComponent("index.html"))
        #expect(home.contains("<span class=\"stat-value\">4</span><span class=\"stat-title\">практики</span>"))
        #expect(home.contains("<span class=\"stat-value\">1</span><span class=\"stat-title\">лучший наставник</span>"))
        // Practice cards and pre-rendered facets by form, role model, level, municipality and year.
        let practices = read(out.appendingPathComponent("practices/index.html"))
        #expect(practices.contains("data-count=\"4\">Найдено 4 практики</p>"))  // the duplicate is published once, the broken school not at all
        #expect(!practices.contains("Сломанная практика"))
        for facet in ["form/uchenik-uchenik", "role/ravnyy-ravnomu", "level/additional", "municipality/g-kirov",
                      "municipality/slobodskoy-rayon", "year/2024"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("practices/\(facet)/index.html").path), "\(facet)")
        }
        let kirov = read(out.appendingPathComponent("practices/municipality/g-kirov/index.html"))
        #expect(kirov.contains("data-count=\"3\">Найдено 3 практики</p>"))
        #expect(kirov.contains("Профориентация на предприятии"))
        #expect(!kirov.contains("Подготовка к олимпиаде по химии"))
        let practice = read(out.appendingPathComponent("practices/alpha/robototehnika/index.html"))
        for field in ["<dt>Организация</dt><dd><a href=\"../../../schools/alpha/\">Школа Альфа</a></dd>", "<dd>г. Киров</dd>",
                      "<dd>Общее образование</dd>", "<dd>ученик – ученик</dd>", "<dd>равный – равному</dd>",
                      "<dd>обучающиеся 7–9 классов</dd>", "<dd>2024 г.</dd>", "<dd>Петрова Анна Сергеевна</dd>",
                      "Команда заняла 2 место", "src=\"../../../schools/alpha/images/robot.png\"",
                      "href=\"../../../mentors/alpha/ivanova/\">Иванова Мария Петровна</a>"] {
            #expect(practice.contains(field), "\(field)")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("schools/alpha/images/robot.png").path))
        #expect(read(out.appendingPathComponent("schools/alpha/index.html")).contains("Школа молодого педагога"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("schools/broken").path))
        #expect(read(out.appendingPathComponent("mentors/index.html")).contains("Иванова Мария Петровна"))

        // Roll-ups sum numerators and denominators: 2024 region = (52 + 30 + 10) / (480 + 200 + 100) = 92 / 780 = 11,8 %;
        // г. Киров = (52 + 30) / (480 + 200) = 12,1 %; the broken school's 1000 / 1000 is not counted.
        let indicators = read(out.appendingPathComponent("indicators/index.html"))
        #expect(indicators.contains("<th scope=\"row\">2024</th><td data-label=\"Цель\">12 %</td><td data-label=\"Факт\">11,8 %</td><td data-label=\"Участников\">92</td><td data-label=\"Всего\">780</td>"))
        #expect(indicators.contains("12,1 %<br><span class=\"muted\">82 из 680; организаций: 2</span>"), "\(indicators)")
        let csv = try Data(contentsOf: out.appendingPathComponent("indicators-rollup.csv"))
        #expect(csv.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "Показатель;Код;Территория;Период;Числитель;Знаменатель;Доля, %;Цель, %;Организаций с данными")
        #expect(lines.contains { $0.hasSuffix(";mentees_10_19;Регион;2024;92;780;11,8;12;3") })
        #expect(lines.contains { $0.hasSuffix(";mentees_10_19;г. Киров;2024;82;680;12,1;12;2") }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix(";mentees_10_19;Слободской район;2024;10;100;10,0;12;1") })

        // Client-side filtering data, and the version for the visually impaired of bank pages.
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("practices.json"))) as! [[String: Any]]
        #expect(index.count == 4)
        #expect(index.contains { $0["m"] as? String == "Слободской район" && $0["f"] as? String == "ученик – ученик" })
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sv/practices/alpha/robototehnika/index.html").path))
    }
}

extension ThemeOverrideTests {
    @Test func aTemplateSyntaxErrorNamesFileLineAndCause() throws {
        let site = try makeBaseSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("content/site.yml")
        try (read(settings) + "theme: broken\n").write(to: settings, atomically: true, encoding: .utf8)
        let own = site.appendingPathComponent("themes/broken/templates")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try "строка один\nстрока два {{#a}}\nтри {{/b}}\n".write(to: own.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        let result = try runNastavnik(["build", "--today", "2025-06-01"], in: site)
        #expect(result.status == 2)
        #expect(result.stderr.contains("themes/broken/templates/page.mustache:3:8: ошибка: шаблон темы не разобран: закрывающий тег {{/…}} не совпадает с открытой секцией [theme.syntax]"),
                "\(result.stderr)")
    }
}
