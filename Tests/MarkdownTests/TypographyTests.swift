import Markdown
import Testing
import TestSupport

/// Russian typography (Мильчин, «Справочник издателя и автора»): every rule with the text
/// that shows it, what must stay untouched, and idempotence.
@Suite struct TypographyTests {
    static let nb = "\u{00A0}", thin = "\u{202F}"

    @Test(arguments: [
        ("приказ № 45-о от 1 сентября", "приказ №\(nb)45-о от\(nb)1\(nb)сентября"),
        ("с 10 сентября 2025 г.", "с\(nb)10\(nb)сентября 2025\(nb)г."),
        ("40 из 470 учеников", "40\(nb)из\(nb)470\(nb)учеников"),
        ("Наставничество - это система", "Наставничество\(nb)— это система"),
        ("школа — это мы", "школа\(nb)— это мы"),
        ("доля 10 % к 2024 году", "доля 10\(nb)% к\(nb)2024\(nb)году"),
        ("в возрасте от 10-19 лет", "в\(nb)возрасте от\(nb)10–19\(nb)лет"),
        ("Ноябрь-декабрь", "Ноябрь–декабрь"),
        ("2020-2024 годы", "2020–2024 годы"),
        ("I-II квартал", "I–II квартал"),
        ("программа \"Точка роста\"", "программа «Точка роста»"),
        ("\"Школа \"Росток\" и мы\"", "«Школа „Росток“ и\(nb)мы»"),
        ("Итоги...", "Итоги…"),
        ("охват 12000 человек", "охват 12\(thin)000\(nb)человек"),
        ("г. Слободской", "г.\(nb)Слободской"),
        ("СОШ № 21 г. Кирова, 2024 г.", "СОШ №\(nb)21 г.\(nb)Кирова, 2024\(nb)г."),
        ("от 23.01.2020 № МР-42/02", "от\(nb)23.01.2020 №\(nb)МР-42/02"),
        ("придёт ли он", "придёт\(nb)ли он"),
        ("сроки: ноябрь-декабрь, май", "сроки: ноябрь–декабрь, май"),
        ("детей 10-19.", "детей 10–19."),
        ("и т. д. Далее", "и\(nb)т.\(nb)д. Далее"),
    ])
    func rule(_ input: String, _ expected: String) {
        #expect(Typographer.apply(input) == expected)
        #expect(Typographer.apply(expected) == expected, "idempotent")
    }

    @Test(arguments: [
        "тел. 8-800-555-35-35",          // a phone is a chain, not a range
        "дата 2019-12-25",                // ISO date
        "версия 1-2.5",
        "распоряжение Р-145",             // a code
        "индекс 613150, г",               // a postal index is not a quantity
        "учитель-учитель",                // a hyphenated word
        "ИНН 4329001234",
        "https://example.ru/2020-2024",
        "ОГРН 1024300000000 выдан",
    ])
    func untouched(_ input: String) {
        #expect(!Typographer.apply(input).contains("–"), "\(input)")
        #expect(!Typographer.apply(input).contains(Self.thin), "\(input)")
    }

    @Test func addressesAndPathsStayAsWritten() {
        // An autolink's text is the address itself: shown exactly as the editor wrote it.
        let html = MarkdownRenderer.render("План: https://school.ru/docs/plan_2023-2024.pdf и \"итоги\"").html
        #expect(html.contains(">https://school.ru/docs/plan_2023-2024.pdf</a>"))
        #expect(html.contains("«итоги»"))
        #expect(Typographer.apply("Итоги....") == "Итоги....")
        // A text run continues after a line break that follows emphasis.
        let broken = MarkdownRenderer.render("**Итог:**\nс\nнаставляемыми").html
        #expect(broken.contains("с\(Self.nb)наставляемыми"))
    }

    @Test func templateWordsAreSetButTagsAndCodeAreNot() {
        let source = #"<p title="1 > 0 - 2" data-x='a "b"'>Перейти к содержанию - "сейчас"</p><script>var s = "a - b";</script><div {{> attrs}} class="c - d">в путь</div>"#
        let out = Typographer.template(source)
        #expect(out.contains(#"<p title="1 > 0 - 2" data-x='a "b"'>"#))
        #expect(out.contains("Перейти к\(Self.nb)содержанию\(Self.nb)— «сейчас»"))
        #expect(out.contains(#"<script>var s = "a - b";</script>"#))
        #expect(out.contains(#"<div {{> attrs}} class="c - d">в\#(Self.nb)путь</div>"#))
    }

    @Test func markdownTextIsSetButCodeAndLinksAreNot() {
        let html = MarkdownRenderer.render("""
        В школе "Точка роста" - [программа 2020-2024](https://example.ru/a-1/2020-2024) и `2020-2024 "код"`.

        ```
        "как есть" - 10 %
        ```
        """).html
        #expect(html.contains("В\(Self.nb)школе «Точка роста»\(Self.nb)— <a href=\"https://example.ru/a-1/2020-2024\">программа 2020–2024</a>"))
        #expect(html.contains("<code>2020-2024 &quot;код&quot;</code>"))
        #expect(html.contains("&quot;как есть&quot; - 10 %"))
    }

    @Test func headingIdsStayAsBefore() {
        let html = MarkdownRenderer.render("## Итоги 2020-2024 в школе").html
        #expect(html.contains("id=\"itogi-2020-2024-v-shkole\""))
        #expect(html.contains("Итоги 2020–2024 в\(Self.nb)школе</h2>"))
    }

    @Test func videoLinkAloneOnALineBecomesAPlayerCover() {
        let html = MarkdownRenderer.render("""
        Смотрите запись:

        https://vkvideo.ru/video-12345_67890

        [Защита проектов](https://rutube.ru/video/0123456789abcdef0123456789abcdef/)

        Ссылка в тексте https://vkvideo.ru/video-1_2 остаётся ссылкой.
        """).html
        #expect(html.contains("data-player=\"https://vkvideo.ru/video_ext.php?oid=-12345&amp;id=67890&amp;hd=2\""))
        #expect(html.contains("data-player=\"https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef/\""))
        #expect(html.contains(">Защита проектов</a>"))
        #expect(html.components(separatedBy: "video-embed").count == 3)
        #expect(!html.contains("<iframe"))
        #expect(VideoEmbed(url: "https://vk.com/video?z=video-220754053_456239017%2Fpl_cat_trends") != nil)
        #expect(VideoEmbed(url: "https://example.ru/video-1_2") == nil)
        #expect(VideoEmbed(url: "javascript:alert(1)//vk.com/video-1_2") == nil)
    }
}
