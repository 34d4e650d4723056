using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.TestKit;

/// <summary>
/// FsCheck generators for the canonical ISO 20022 model. Every value they produce is valid against the official
/// schema of every version the XML writer supports for that message (text lengths, code lengths, enumerations,
/// amount digits, rate digits, patterns), so a schema failure in a round-trip test is a codec fault, not a
/// generator artefact. Fields that only newer schemas carry are produced only when asked for.
/// </summary>
/// <remarks>
/// The limits come from the XSDs in <c>shared/iso20022/xsd</c>: Max35Text/Max70Text/Max140Text and friends are
/// <c>minLength 1</c>; <c>ActiveCurrencyAndAmount</c> has <c>fractionDigits 5, totalDigits 18, minInclusive 0</c>;
/// <c>BaseOneRate</c> has <c>fractionDigits 10, totalDigits 11</c>; identifiers follow their patterns
/// (<c>BICFIDec2014Identifier</c>, <c>IBAN2007Identifier</c>, <c>LEIIdentifier</c>, <c>UUIDv4Identifier</c>).
/// Values print themselves (records), which is how a failing case is reported: these generators do not shrink.
/// </remarks>
public static partial class IsoGenerators
{
    private static readonly string[] AsciiLetters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".Select(static c => c.ToString()).ToArray();

    private static readonly string[] Digits = "0123456789".Select(static c => c.ToString()).ToArray();

    private static readonly string[] UpperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".Select(static c => c.ToString()).ToArray();

    private static readonly char[] UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray();

    // The SWIFT-safe punctuation plus the characters XML must escape, so escaping is exercised on every run.
    private static readonly string[] Punctuation = ["/", "-", "?", ":", "(", ")", ".", ",", "'", "+"];

    private static readonly string[] XmlSpecials = ["<", ">", "&", "\"", "&amp;", "]]>", "<Nm>"];

    // Latin letters with diacritics, Thai, Vietnamese, CJK, Greek and one character outside the BMP (a surrogate pair),
    // so the UTF-8 encoding and the length checks (UTF-16 units never exceed the XSD's character count) are exercised.
    private static readonly string[] NonAscii = ["é", "ü", "ß", "ñ", "Ø", "ไทย", "กรุงเทพ", "東京", "Nguyễn", "Ω", "𝄞"];

    private static readonly string[] Words = ["Bank", "Pte", "Ltd", "Jalan", "Soi", "Street", "Co", "Sdn Bhd", "PT", "Tbk"];

    // Countries of the SWIFT IBAN registry with their IBAN lengths (a subset is enough for variety).
    private static readonly (string Country, int Length)[] IbanCountries =
    [
        ("DE", 22), ("GB", 22), ("FR", 27), ("NL", 18), ("CH", 21), ("SA", 24), ("AE", 23), ("QA", 29), ("BR", 29),
        ("NO", 15), ("MT", 31), ("LC", 32), ("RU", 33), ("TR", 26), ("PK", 24), ("KW", 30), ("XK", 20),
    ];

    private static readonly DateOnly FirstDate = new(2000, 1, 1);

    private static readonly DateOnly LastDate = new(2099, 12, 31);

    private static readonly int[] CommonOffsetsMinutes = [0, 0, 60, 120, 330, 345, 420, 480, 540, 570, 600, 765, 840, -840, -300, -240, -210, -180];

    private static readonly Gen<string> TextAtom = Gen.Frequency(
        (40, Gen.Elements(AsciiLetters)),
        (14, Gen.Elements(Digits)),
        (12, Gen.Constant(" ")),
        (14, Gen.Elements(Punctuation)),
        (5, Gen.Elements(XmlSpecials)),
        (8, Gen.Elements(NonAscii)),
        (7, Gen.Elements(Words)));

    // ---------------------------------------------------------------- text and codes

    /// <summary>
    /// ISO 20022 free text of <paramref name="minLength"/> to <paramref name="maxLength"/> UTF-16 units: letters,
    /// digits, single inner spaces, SWIFT punctuation, XML-special characters and non-ASCII letters; never leading
    /// or trailing whitespace, never control characters. Short texts are most common; one in ten fills the maximum.
    /// </summary>
    public static Gen<string> Text(int minLength, int maxLength)
    {
        if (minLength < 1 || maxLength < minLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), "ISO 20022 text needs 1 <= minLength <= maxLength.");
        }

        var lengthGen = Gen.Frequency(
            (6, Gen.Choose(minLength, Math.Min(maxLength, Math.Max(minLength, 12)))),
            (3, Gen.Choose(minLength, maxLength)),
            (1, Gen.Constant(maxLength)));
        return from target in lengthGen
               from atoms in Gen.ArrayOf(TextAtom, target + (target / 2) + 2)
               from fill in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
               select BuildText(atoms, minLength, fill ? maxLength : target);
    }

    /// <summary>Max35Text.</summary>
    public static Gen<string> Max35Text() => Text(1, 35);

    /// <summary>Max70Text.</summary>
    public static Gen<string> Max70Text() => Text(1, 70);

    /// <summary>Max105Text.</summary>
    public static Gen<string> Max105Text() => Text(1, 105);

    /// <summary>Max140Text.</summary>
    public static Gen<string> Max140Text() => Text(1, 140);

    /// <summary>
    /// An external code: usually one of <paramref name="known"/> (real codes), otherwise 1 to
    /// <paramref name="maxLength"/> upper-case letters.
    /// </summary>
    public static Gen<string> ExternalCode(int maxLength, params string[] known)
    {
        var random = from length in Gen.Choose(1, maxLength)
                     from letters in Gen.ArrayOf(Gen.Elements(UpperLetters), length)
                     select string.Concat(letters);
        return known.Length == 0 ? random : Gen.Frequency((3, Gen.Elements(known)), (1, random));
    }

    /// <summary>A code-or-proprietary choice: <c>Cd</c> from <paramref name="codes"/> or <c>Prtry</c> Max35Text.</summary>
    public static Gen<CodeOrProprietary> CodeOrProprietary(Gen<string> codes) => Gen.Frequency(
        (3, codes.Select(static c => Domain.Iso20022.CodeOrProprietary.FromCode(c))),
        (1, Max35Text().Select(static p => Domain.Iso20022.CodeOrProprietary.FromProprietary(p))));

    // ---------------------------------------------------------------- primitives

    /// <summary>An assigned ISO 3166-1 country code (including XK, which SWIFT uses).</summary>
    public static Gen<CountryCode> Country() => Gen.Elements(CountryCode.All.ToArray());

    /// <summary>An active ISO 4217 currency, mostly the ones PaymentSwitch settles in, sometimes any other.</summary>
    public static Gen<Currency> Currency() => Gen.Frequency(
        (3, Gen.Elements(
            Domain.Currency.SGD, Domain.Currency.THB, Domain.Currency.MYR, Domain.Currency.IDR, Domain.Currency.PHP,
            Domain.Currency.VND, Domain.Currency.INR, Domain.Currency.USD, Domain.Currency.EUR, Domain.Currency.JPY,
            Domain.Currency.KWD)),
        (2, Gen.Elements(Domain.Currency.All.ToArray())));

    /// <summary>
    /// A positive amount in minor units (at least one, at most 18 digits, so ISO 20022 <c>totalDigits 18</c>
    /// holds in every currency exponent): mostly everyday amounts, sometimes the extremes.
    /// </summary>
    public static Gen<long> AmountMinor() => Gen.Frequency(
        (5, Gen.Choose(1, 10_000_000).Select(static v => (long)v)),
        (3, from high in Gen.Choose(0, 999_999) from low in Gen.Choose(1, 999_999_999) select (high * 1_000_000_000L) + low),
        (1, Gen.Elements(1L, 10L, 100L, 99L, Domain.Money.MaxAmountMinor, Domain.Money.MaxAmountMinor - 1, 100_000_000_000_000_000L)),
        (1, from high in Gen.Choose(0, 999_999_999) from low in Gen.Choose(1, 999_999_999) select (high * 1_000_000_000L) + low));

    /// <summary>A positive amount in <paramref name="currency"/>.</summary>
    public static Gen<Money> Money(Currency currency) => AmountMinor().Select(amount => new Money(amount, currency));

    /// <summary>A positive amount in any currency.</summary>
    public static Gen<Money> Money() => Currency().SelectMany(Money);

    /// <summary>A valid BIC of 8 or 11 characters with an assigned country code.</summary>
    public static Gen<Bic> Bic() =>
        from institution in Gen.ArrayOf(Gen.Frequency((9, Gen.Elements(UpperLetters)), (1, Gen.Elements(Digits))), 4)
        from country in Country()
        from location in Gen.ArrayOf(Gen.Elements(UpperAlphanumeric), 2)
        from branch in Gen.Frequency(
            (2, Gen.Constant(string.Empty)),
            (1, Gen.Constant("XXX")),
            (1, Gen.ArrayOf(Gen.Elements(UpperAlphanumeric), 3).Select(static b => new string(b))))
        select Domain.Bic.Parse(string.Concat(institution) + country.Value + new string(location) + branch);

    /// <summary>A valid IBAN (ISO 13616 check digits) from a country of the SWIFT IBAN registry.</summary>
    public static Gen<Iban> Iban() =>
        from entry in Gen.Elements(IbanCountries)
        from bban in Gen.ArrayOf(Gen.Frequency((3, Gen.Elements(Digits)), (1, Gen.Elements(UpperLetters))), entry.Length - 4)
        select Domain.Iban.Create(CountryCode.Parse(entry.Country), string.Concat(bban));

    /// <summary>A valid LEI: 18 upper-case alphanumerics and two ISO 7064 MOD 97-10 check digits.</summary>
    public static Gen<Lei> Lei() =>
        from body in Gen.ArrayOf(Gen.Elements(UpperAlphanumeric), 18)
        select Domain.Lei.Parse(WithLeiCheckDigits(new string(body)));

    /// <summary>A UETR: an RFC 4122 version 4 UUID built from generated bytes.</summary>
    public static Gen<Uetr> Uetr() =>
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(static b => (byte)b), 16)
        select Domain.Uetr.FromGuid(Version4Guid(bytes));

    /// <summary>A date in 2000-2099.</summary>
    public static Gen<DateOnly> Date() =>
        Gen.Choose(0, LastDate.DayNumber - FirstDate.DayNumber).Select(static days => FirstDate.AddDays(days));

    /// <summary>
    /// A date-time in 2000-2099 with whole milliseconds (often whole seconds) and a UTC offset of whole minutes
    /// within ±14:00 (Z, +08:00, +05:30, +05:45, -03:30, ...).
    /// </summary>
    public static Gen<DateTimeOffset> DateTime() =>
        from date in Date()
        from millisecondOfDay in Gen.Choose(0, 86_399_999)
        from wholeSecond in Gen.Frequency((1, Gen.Constant(true)), (1, Gen.Constant(false)))
        from offsetMinutes in Gen.Frequency((3, Gen.Elements(CommonOffsetsMinutes)), (1, Gen.Choose(-840, 840)))
        let milliseconds = wholeSecond ? millisecondOfDay / 1000 * 1000 : millisecondOfDay
        select new DateTimeOffset(
            date.ToDateTime(TimeOnly.MinValue).AddMilliseconds(milliseconds),
            TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>
    /// An exchange rate (<c>BaseOneRate</c>): positive, at most 10 fraction digits and 11 digits in all, from
    /// 0.0000000001 to 99999999999.
    /// </summary>
    public static Gen<decimal> ExchangeRate() =>
        from digits in Gen.Frequency((4, Gen.Choose(3, 8)), (1, Gen.Choose(1, 11)))
        from high in Gen.Choose(0, 99_999)
        from low in Gen.Choose(0, 999_999)
        from scale in Gen.Choose(0, 10)
        let modulus = Pow10(digits)
        let raw = ((high * 1_000_000L) + low) % modulus
        let mantissa = raw < modulus / 10 ? raw + (modulus / 10) : raw
        select new decimal((int)(mantissa & 0xFFFF_FFFF), (int)(mantissa >> 32), 0, false, (byte)scale);

    // ---------------------------------------------------------------- helpers

    private static Gen<T?> Optional<T>(Gen<T> gen, int presentWeight = 1, int absentWeight = 1)
        where T : class =>
        Gen.Frequency((absentWeight, Gen.Constant<T?>(null)), (presentWeight, gen.Select(static v => (T?)v)));

    private static Gen<T?> OptionalValue<T>(Gen<T> gen, int presentWeight = 1, int absentWeight = 1)
        where T : struct =>
        Gen.Frequency((absentWeight, Gen.Constant<T?>(null)), (presentWeight, gen.Select(static v => (T?)v)));

    private static Gen<ValueList<T>> ListOf<T>(Gen<T> gen, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(gen, n)).Select(static items => ValueList<T>.TakeOwnership(items));

    private static Gen<bool> Chance(int percent) =>
        Gen.Choose(1, 100).Select(roll => roll <= percent);

    private static string BuildText(string[] atoms, int minLength, int length)
    {
        var text = new StringBuilder(length);
        foreach (var atom in atoms)
        {
            // Spaces only between other characters, one at a time.
            if (atom == " " && (text.Length == 0 || text[^1] == ' '))
            {
                continue;
            }

            // Whole atoms only, so a surrogate pair or a word is never cut in half.
            if (text.Length + atom.Length > length)
            {
                continue;
            }

            text.Append(atom);
        }

        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }

        while (text.Length < Math.Max(minLength, length))
        {
            text.Append(text.Length % 2 == 0 ? 'Z' : '9');
        }

        return text.ToString();
    }

    private static string WithLeiCheckDigits(string body)
    {
        // ISO 7064 MOD 97-10 as in ISO 13616: letters count as 10..35, the check digits make the number ≡ 1 (mod 97).
        var remainder = Mod97(body + "00");
        var check = 98 - remainder;
        return body + check.ToString("00", CultureInfo.InvariantCulture);
    }

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder;
    }

    private static Guid Version4Guid(byte[] bytes)
    {
        // Guid's byte layout is little-endian for its first three fields: the version nibble is the high nibble of
        // byte 7 and the RFC 4122 variant bits are the top bits of byte 8.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
