import Domain
import Foundation
import Markdown

/// Files `nastavnik new` and `nastavnik init` write: the front matter of each kind with a
/// Russian comment on every field, so an editor learns the format from the file itself.
public enum Scaffold {
    public enum Kind: String, CaseIterable, Sendable {
        case `case`, mentor, news, event, program, page

        public var folder: String {
            switch self {
            case .case: return "cases"
            case .mentor: return "mentors"
            case .news: return "news"
            case .event: return "events"
            case .program: return "programs"
            case .page: return "pages"
            }
        }

        public var russian: String {
            switch self {
            case .case: return "кейс"
            case .mentor: return "наставник"
            case .news: return "новость"
            case .event: return "мероприятие"
            case .program: return "программа"
            case .page: return "страница"
            }
        }
    }

    /// `Итоги года` → `cases/itogi-goda.md`; news get the date first: `news/2026-11-26-itogi-goda.md`.
    public static func relativePath(_ kind: Kind, title: String, today: DayDate) -> String {
        var slug = Slug.make(title)
        if slug.isEmpty { slug = kind.rawValue }
        return kind.folder + "/" + (kind == .news ? today.iso + "-" : "") + slug + ".md"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static var forms: String { MentoringForm.allCases.map(\.title).joined(separator: " | ") }

    public static func file(_ kind: Kind, title: String, today: DayDate) -> String {
        let t = quoted(title)
        switch kind {
        case .case:
            return """
            ---
            title: \(t)   # название практики
            form: "ученик – ученик"      # форма наставничества: \(forms)
            role_model: "равный – равному"   # ролевая модель (вариант взаимодействия) этой формы, см. docs/content.md
            # program: programma-2024     # имя файла программы из programs/ без .md (необязательно)
            period: { from: \(today.year)-09-01, to: \(today.year + 1)-05-31 }   # сроки; или вместо period строка year: \(today.year)
            level: general               # уровень образования: general (общее) | additional (дополнительное) | vocational (СПО)
            audience: "обучающиеся 7–9 классов"   # целевая аудитория
            # mentor: mentors/familiya    # страница наставника, или { name: "ФИО", consent: ГГГГ-ММ-ДД } — только с согласием
            mentees: 1                   # сколько наставляемых; детей не называем по имени
            results: ["Что изменилось благодаря наставничеству"]   # результаты, по одному в кавычках
            tags: []                     # метки, например ["олимпиады", "робототехника"]
            summary: "Одно предложение для карточки и ленты новостей"
            # cover: images/foto.jpg      # обложка из папки images/
            # cover_alt: "Что изображено на фото"   # обязательно вместе с cover
            ---

            Расскажите, как была устроена работа: с чего начали, как встречались, что получилось.

            """
        case .mentor:
            return """
            ---
            name: \(t)   # фамилия, имя, отчество
            position: "учитель"           # должность
            # organization: "ООО «Завод»"   # где работает, если не в этой школе
            form: "учитель – учитель"      # форма наставничества: \(forms)
            experience_years: 1           # стаж, лет
            mentees: 1                    # сколько наставляемых сейчас: не больше 3
            awards: []                    # награды, например ["Грамота управления образования, 2024"]
            # photo: images/familiya.jpg   # фото из папки images/
            # photo_alt: "Что изображено на фото"   # обязательно вместе с photo
            consent:                      # ОБЯЗАТЕЛЬНО: дата письменного согласия на публикацию, например \(today.iso)
            minor: false                  # true, если наставник — ученик: тогда нужен и guardian_consent
            # guardian_consent: \(today.iso)   # дата согласия родителя (законного представителя)
            ---

            За что коллеги и ученики ценят этого наставника.

            """
        case .news:
            return """
            ---
            title: \(t)   # заголовок новости
            date: \(today.iso)             # дата публикации; новость из будущего появится в этот день
            summary: "Одно-два предложения для списка новостей и RSS"
            tags: []                      # метки, например ["конкурс"]
            # cover: images/foto.jpg       # картинка из папки images/
            # cover_alt: "Что изображено на фото"   # обязательно вместе с cover
            draft: true                   # черновик: не публикуется; удалите строку, когда новость готова
            ---

            Текст новости.

            """
        case .event:
            return """
            ---
            title: \(t)   # название мероприятия
            date: \(today.iso)             # день мероприятия (первый, если их несколько)
            # end: \(today.iso)            # последний день, если мероприятие длится несколько дней
            time: "15:00"                 # время, как удобно: "15:00–16:30"
            place: "Актовый зал"          # где проходит
            audience: "педагоги-наставники"   # для кого
            # form: "учитель – учитель"   # форма наставничества: \(forms)
            # registration: "https://…"   # где записаться: кнопка видна, пока мероприятие не прошло
            summary: "Одно-два предложения для списка мероприятий и главной"
            draft: true                   # черновик: не публикуется; удалите строку, когда анонс готов
            ---

            Программа мероприятия, а после него — как оно прошло.

            """
        case .program:
            return """
            ---
            title: \(t)   # полное название программы
            period: { from: \(today.year)-09-01, to: \(today.year + 1)-05-31 }   # срок реализации
            forms: ["ученик – ученик", "учитель – учитель"]   # формы: \(forms)
            # approved: { type: приказ, number: "1-о", date: \(today.iso) }   # чем утверждена
            goals: ["Цель программы"]                 # цели
            tasks: ["Задача программы"]               # задачи
            expected_results: ["Ожидаемый результат"] # ожидаемые результаты
            ---

            Остальное: участники, формы взаимодействия, этапы, мониторинг.

            """
        case .page:
            return """
            ---
            title: \(t)   # заголовок и пункт меню
            weight: 10                    # порядок в меню: меньше — левее
            ---

            Текст страницы.

            """
        }
    }

    /// A new site: `content/` with site.yml and one item of every kind, accepted by `check`.
    public static func site(today: DayDate) -> [(path: String, text: String)] {
        let y = today.year
        let example = "Пример: замените своими данными"
        return [
            ("content/site.yml", """
            # Настройки сайта «Наставничество». Строки после # — подсказки, их можно удалить.
            title: "Наставничество"                  # заголовок сайта
            description: "Наставничество в нашей школе: программы, дорожная карта, показатели, кейсы и новости."
            organization:
              name: "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»"   # полное название
              short_name: "МБОУ СОШ № 1"             # краткое название
              kind: school                           # school | college | additional | kindergarten | municipal_office | regional_center
              region: "Кировская область"            # регион
              municipality: "г. Киров"               # муниципалитет
              # url: "https://school1.example.ru/"   # официальный сайт организации
            # base_url: "https://school1.example.ru/nastavnichestvo/"   # адрес, где будет сайт; нужен для RSS и sitemap.xml
            # curator:                               # куратор внедрения целевой модели (на главной)
            #   name: "Фамилия Имя Отчество"
            #   position: "заместитель директора по УВР"
            #   phone: "+7 (8332) 00-00-00"
            #   email: "curator@school1.example.ru"
            #   hours: "пн–пт 9:00–16:00"
            #   consent: \(today.iso)                 # дата письменного согласия на публикацию; обязательна
            model_adopted: \(y - 1)-09-01            # дата приказа о внедрении целевой модели
            theme: default                           # тема оформления; свою кладите в themes/<имя>/
            kind: site                               # site — сайт школы; bank — банк практик региона
            news_per_page: 10                        # новостей на странице

            """),
            ("content/index.md", """
            ---
            title: "Наставничество в нашей школе"
            ---

            Школа реализует **целевую модель наставничества**, утверждённую распоряжением Минпросвещения России
            от 25.12.2019 № Р-145. \(example).

            """),
            ("content/documents.yml", """
            # Нормативная база. Каждый документ — пункт списка.
            - title: "Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную деятельность по общеобразовательным, дополнительным общеобразовательным и программам среднего профессионального образования, в том числе с применением лучших практик обмена опытом между обучающимися"
              level: federal          # federal | regional | municipal | school
              type: распоряжение      # приказ | распоряжение | постановление | письмо | положение | дорожная карта | программа | закон | иное
              issuer_genitive: "Минпросвещения России"
              number: "Р-145"
              date: 2019-12-25
              url: "https://docs.edu.gov.ru/document/c4d7feb359d9563f114aea8106c9a2aa/"   # или file: files/r-145.pdf

            """),
            ("content/roadmap.yml", """
            title: "Дорожная карта внедрения целевой модели наставничества"
            # approved: { type: приказ, number: "45", date: \(y - 1)-09-01 }
            sections:
              - title: "Подготовка условий"
                events:
                  - title: "Информирование педагогов о программе наставничества"
                    due: "Сентябрь \(y) г."      # дата, месяц, «до 10.09.\(y)», «Ежегодно, август», «Постоянно»
                    responsible: ["Куратор"]
                    result: "Информация на сайте школы"
                    status: planned            # done | in_progress | planned | not_done; по годам: { 2025: done }

            """),
            ("content/indicators.yml", """
            territory: "МБОУ СОШ № 1"   # чьё население считают знаменатели
            indicators:
              - id: mentees_10_19        # доля детей 10–19 лет в роли наставляемого
                targets: { \(y): 70 }    # цель, % по годам
                actual:
                  \(y): { numerator: 10, denominator: 100 }   # сколько участвует / сколько всего

            """),
            ("content/partners.yml", """
            - name: "ООО «Предприятие»"   # \(example)
              kind: предприятие          # предприятие | вуз | колледж | учреждение культуры | учреждение спорта | НКО | иное
              mentors: 1                 # сколько наставников предоставляет

            """),
            ("content/" + relativePath(.program, title: "Программа наставничества", today: today),
             file(.program, title: "Программа наставничества", today: today)),
            ("content/" + relativePath(.case, title: "Первый кейс", today: today), file(.case, title: "Первый кейс", today: today)),
            ("content/mentors/primer.md", file(.mentor, title: "Наставник Пример Примерович", today: today)
                .replacingOccurrences(of: "consent:                      # ОБЯЗАТЕЛЬНО", with: "consent: \(today.iso)            # \(example). ОБЯЗАТЕЛЬНО")),
            ("content/" + relativePath(.news, title: "Сайт о наставничестве открыт", today: today),
             file(.news, title: "Сайт о наставничестве открыт", today: today)
                .replacingOccurrences(of: "draft: true                   # черновик: не публикуется; удалите строку, когда новость готова\n", with: "")),
            ("content/" + relativePath(.page, title: "Как стать наставником", today: today),
             file(.page, title: "Как стать наставником", today: today)),
            ("content/files/.gitkeep", ""),
            ("content/images/.gitkeep", ""),
        ]
    }
}
