namespace PaymentSwitch.Domain.Tests;

public sealed class BicTests
{
    [Theory]
    [InlineData("DBSSSGSGXXX", "DBSS", "SG", "SG", "XXX")]
    [InlineData("BKKBTHBKXXX", "BKKB", "TH", "BK", "XXX")]
    [InlineData("MBBEMYKLXXX", "MBBE", "MY", "KL", "XXX")]
    [InlineData("CENAIDJA", "CENA", "ID", "JA", null)]
    [InlineData("DEUTDEFF500", "DEUT", "DE", "FF", "500")]
    [InlineData("1234SGSG", "1234", "SG", "SG", null)]
    [InlineData("RBKOXKPR", "RBKO", "XK", "PR", null)]
    public void TryParse_ValidBic_ExposesItsParts(string text, string institution, string country, string location, string? branch)
    {
        var parsed = Bic.TryParse(text, out var sut, out var failure);

        Assert.True(parsed, failure.Rule);
        Assert.Equal(text, sut.Value);
        Assert.Equal(text, sut.ToString());
        Assert.Equal(institution, sut.InstitutionCode);
        Assert.Equal(CountryCode.Parse(country), sut.Country);
        Assert.Equal(location, sut.LocationCode);
        Assert.Equal(branch, sut.BranchCode);
        Assert.Equal(text[..8], sut.Primary.Value);
        Assert.False(sut.IsTestBic);
    }

    [Fact]
    public void Primary_ElevenCharacterBic_DropsTheBranch()
    {
        var sut = Bic.Parse("DBSSSGSGXXX");

        Assert.Equal(Bic.Parse("DBSSSGSG"), sut.Primary);
        Assert.NotEqual(sut, sut.Primary);
    }

    [Theory]
    [InlineData("ABCDSGS0", true)]
    [InlineData("ABCDSGS0XXX", true)]
    [InlineData("ABCDSG0S", false)]
    [InlineData("ABCDSGSG", false)]
    public void IsTestBic_LocationSecondCharacter_IsZero(string text, bool expected)
    {
        var sut = Bic.Parse(text);

        Assert.Equal(expected, sut.IsTestBic);
    }

    [Theory]
    [InlineData(null, "BIC is missing")]
    [InlineData("", "BIC must be 8 or 11 characters long; got 0")]
    [InlineData("DBSSSGSGXX", "BIC must be 8 or 11 characters long; got 10")]
    [InlineData("DBSSSGSGXXXX", "BIC must be 8 or 11 characters long; got 12")]
    [InlineData("DBSSSG", "BIC must be 8 or 11 characters long; got 6")]
    [InlineData("dbsssgsgxxx", "BIC character 1 must be an upper-case letter A-Z or a digit 0-9; got 'd' in 'dbsssgsgxxx'")]
    [InlineData("DBSSsgSGXXX", "BIC character 5 must be an upper-case letter A-Z; got 's' in 'DBSSsgSGXXX'")]
    [InlineData("DBSS1GSGXXX", "BIC character 5 must be an upper-case letter A-Z; got '1' in 'DBSS1GSGXXX'")]
    [InlineData("DBSSSGSG XX", "BIC character 9 must be an upper-case letter A-Z or a digit 0-9; got ' ' in 'DBSSSGSG XX'")]
    [InlineData("DBSS-SGSGXX", "BIC character 5 must be an upper-case letter A-Z; got '-' in 'DBSS-SGSGXX'")]
    [InlineData("DBSSQQSGXXX", "BIC country code 'QQ' (characters 5-6) is not an assigned ISO 3166-1 code")]
    [InlineData("DBSSUKSGXXX", "BIC country code 'UK' (characters 5-6) is not an assigned ISO 3166-1 code")]
    public void TryParse_InvalidBic_RejectsWithRc01(string? text, string rule)
    {
        var parsed = Bic.TryParse(text, out var sut, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.RC01, rule), failure);
        Assert.Equal(default, sut);
    }

    [Fact]
    public void Parse_InvalidBic_ThrowsFormatExceptionWithTheRule()
    {
        var error = Assert.Throws<FormatException>(() => Bic.Parse("DBSSSGSGXX"));

        Assert.Equal("BIC must be 8 or 11 characters long; got 10", error.Message);
    }
}

public sealed class IbanTests
{
    [Theory]
    [InlineData("GB82WEST12345698765432", "GB")]
    [InlineData("DE89370400440532013000", "DE")]
    [InlineData("FR1420041010050500013M02606", "FR")]
    [InlineData("NL91ABNA0417164300", "NL")]
    [InlineData("CH9300762011623852957", "CH")]
    [InlineData("BE68539007547034", "BE")]
    [InlineData("NO9386011117947", "NO")]
    [InlineData("AE070331234567890123456", "AE")]
    [InlineData("SA0380000000608010167519", "SA")]
    [InlineData("MT84MALT011000012345MTLCAST001S", "MT")]
    public void TryParse_PublishedExample_IsValid(string text, string country)
    {
        var parsed = Iban.TryParse(text, out var sut, out var failure);

        Assert.True(parsed, failure.Rule);
        Assert.Equal(text, sut.Value);
        Assert.Equal(text, sut.ToString());
        Assert.Equal(CountryCode.Parse(country), sut.Country);
        Assert.Equal(text[2..4], sut.CheckDigits);
        Assert.Equal(text[4..], sut.Bban);
    }

    [Theory]
    [InlineData(null, "IBAN is missing")]
    [InlineData("", "IBAN must be 5 to 34 characters long; got 0")]
    [InlineData("GB82", "IBAN must be 5 to 34 characters long; got 4")]
    [InlineData("GB82WEST123456987654321234567890123", "IBAN must be 5 to 34 characters long; got 35")]
    [InlineData("GB82WEST12345698765431", "IBAN check digits do not verify (mod 97)")]
    [InlineData("GB28WEST12345698765432", "IBAN check digits do not verify (mod 97)")]
    [InlineData("DE89370400440532013001", "IBAN check digits do not verify (mod 97)")]
    [InlineData("gb82west12345698765432", "IBAN character 1 must be an upper-case letter A-Z (country code); got 'g'")]
    [InlineData("GB82west12345698765432", "IBAN character 5 must be an upper-case letter A-Z or a digit 0-9; got 'w'")]
    [InlineData("GBX2WEST12345698765432", "IBAN character 3 must be a digit 0-9 (check digits); got 'X'")]
    [InlineData("GB82 WEST 1234 5698 7654 32", "IBAN character 5 must be an upper-case letter A-Z or a digit 0-9; got ' '")]
    [InlineData("GB82WEST1234569876543", "an IBAN from GB has 22 characters; got 21")]
    [InlineData("GB82WEST123456987654321", "an IBAN from GB has 22 characters; got 23")]
    [InlineData("US64SVBKUS6S3300958879", "IBAN country US does not use IBANs (not in the SWIFT IBAN registry)")]
    [InlineData("SG12DBSS12345678901234", "IBAN country SG does not use IBANs (not in the SWIFT IBAN registry)")]
    [InlineData("QQ82WEST12345698765432", "IBAN country code 'QQ' is not an assigned ISO 3166-1 code")]
    public void TryParse_InvalidIban_RejectsWithAc01(string? text, string rule)
    {
        var parsed = Iban.TryParse(text, out var sut, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.AC01, rule), failure);
        Assert.Equal(default, sut);
    }

    [Theory]
    [InlineData("GB", "WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("DE", "370400440532013000", "DE89370400440532013000")]
    [InlineData("NL", "ABNA0417164300", "NL91ABNA0417164300")]
    public void Create_KnownBban_ComputesThePublishedCheckDigits(string country, string bban, string expected)
    {
        var sut = Iban.Create(CountryCode.Parse(country), bban);

        Assert.Equal(expected, sut.Value);
    }

    [Theory]
    [InlineData("US", "123456789012345678")]
    [InlineData("GB", "WEST1234569876543")]
    [InlineData("GB", "west12345698765432")]
    [InlineData("GB", "WEST-2345698765432")]
    public void Create_InvalidInput_ThrowsArgumentException(string country, string bban)
    {
        Assert.Throws<ArgumentException>(() => Iban.Create(CountryCode.Parse(country), bban));
    }

    [Theory]
    [InlineData("DE", 22)]
    [InlineData("GB", 22)]
    [InlineData("FR", 27)]
    [InlineData("NL", 18)]
    [InlineData("CH", 21)]
    [InlineData("SA", 24)]
    [InlineData("AE", 23)]
    [InlineData("PK", 24)]
    [InlineData("NO", 15)]
    [InlineData("RU", 33)]
    [InlineData("LC", 32)]
    [InlineData("XK", 20)]
    public void Registry_KnownCountry_HasTheRegistryLength(string country, int length)
    {
        var found = IbanRegistry.Lengths.TryGetValue(country, out var sut);

        Assert.True(found);
        Assert.Equal(length, sut);
    }

    [Fact]
    public void Registry_EveryCountry_IsAnAssignedCountryWithALegalLength()
    {
        Assert.All(IbanRegistry.Entries, static e =>
        {
            Assert.True(CountryCode.TryParse(e.Key, out _), e.Key);
            Assert.InRange(e.Value, 15, Iban.MaxLength);
        });
    }
}

public sealed class LeiTests
{
    [Theory]
    [InlineData("5493001KJTIIGC8Y1R12")]
    [InlineData("506700GE1G29325QX363")]
    [InlineData("7ZW8QJWVPR4P1J1KQY45")]
    public void TryParse_PublishedLei_IsValid(string text)
    {
        var parsed = Lei.TryParse(text, out var sut, out var failure);

        Assert.True(parsed, failure.Rule);
        Assert.Equal(text, sut.Value);
        Assert.Equal(text, sut.ToString());
    }

    [Theory]
    [InlineData(null, "LEI is missing")]
    [InlineData("", "LEI must be 20 characters long; got 0")]
    [InlineData("5493001KJTIIGC8Y1R1", "LEI must be 20 characters long; got 19")]
    [InlineData("5493001KJTIIGC8Y1R123", "LEI must be 20 characters long; got 21")]
    [InlineData("5493001kjtiigc8y1r12", "LEI character 8 must be an upper-case letter A-Z or a digit 0-9; got 'k'")]
    [InlineData("5493001KJTIIGC8Y1RA2", "LEI character 19 must be a digit 0-9 (check digit); got 'A'")]
    [InlineData("5493001KJTIIGC8Y1R13", "LEI check digits do not verify (ISO 7064 mod 97) in '5493001KJTIIGC8Y1R13'")]
    [InlineData("5493001KJTIIGC8Y1S12", "LEI check digits do not verify (ISO 7064 mod 97) in '5493001KJTIIGC8Y1S12'")]
    public void TryParse_InvalidLei_RejectsWithRc01(string? text, string rule)
    {
        var parsed = Lei.TryParse(text, out var sut, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.RC01, rule), failure);
        Assert.Equal(default, sut);
    }

    [Fact]
    public void Parse_InvalidLei_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => Lei.Parse("5493001KJTIIGC8Y1R13"));
    }
}

public sealed class UetrTests
{
    private const string Valid = "eb6305c9-1f7f-49de-aed0-16487c27b42d";

    [Theory]
    [InlineData(Valid)]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    [InlineData("ffffffff-ffff-4fff-bfff-ffffffffffff")]
    [InlineData("97ed4827-7b6f-4491-a06f-b548d5a7512d")]
    public void TryParse_LowerCaseV4_RoundTrips(string text)
    {
        var parsed = Uetr.TryParse(text, out var sut, out var failure);

        Assert.True(parsed, failure.Rule);
        Assert.Equal(Guid.Parse(text), sut.Value);
        Assert.Equal(text, sut.ToString());
    }

    [Theory]
    [InlineData(null, "UETR is missing")]
    [InlineData("", "UETR must be 36 characters (8-4-4-4-12 lower-case hex); got 0")]
    [InlineData("EB6305C9-1F7F-49DE-AED0-16487C27B42D", "UETR must be lower case; character 1 is 'E'")]
    [InlineData("eb6305c9-1f7f-49de-aed0-16487c27b42D", "UETR must be lower case; character 36 is 'D'")]
    [InlineData("c232ab00-9414-11ec-b3c8-9f6bdeced846", "UETR must be a version 4 UUID; character 15 is '1', not '4'")]
    [InlineData("eb6305c9-1f7f-59de-aed0-16487c27b42d", "UETR must be a version 4 UUID; character 15 is '5', not '4'")]
    [InlineData("eb6305c9-1f7f-49de-ced0-16487c27b42d", "UETR must have the RFC 4122 variant; character 20 is 'c', not 8, 9, a or b")]
    [InlineData("eb6305c9-1f7f-49de-7ed0-16487c27b42d", "UETR must have the RFC 4122 variant; character 20 is '7', not 8, 9, a or b")]
    [InlineData("{eb6305c9-1f7f-49de-aed0-16487c27b42d}", "UETR must be 36 characters (8-4-4-4-12 lower-case hex); got 38")]
    [InlineData("eb6305c91f7f49deaed016487c27b42d", "UETR must be 36 characters (8-4-4-4-12 lower-case hex); got 32")]
    [InlineData("eb6305c9_1f7f-49de-aed0-16487c27b42d", "UETR character 9 must be '-'; got '_'")]
    [InlineData("eb6305c9-1f7f-49de-aed0-16487c27b4g2", "UETR character 35 must be a hex digit 0-9 or a-f; got 'g'")]
    [InlineData(" b6305c9-1f7f-49de-aed0-16487c27b42d", "UETR character 1 must be a hex digit 0-9 or a-f; got ' '")]
    public void TryParse_Invalid_RejectsWithFf01(string? text, string rule)
    {
        var parsed = Uetr.TryParse(text, out var sut, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.FF01, rule), failure);
        Assert.Equal(default, sut);
    }

    [Fact]
    public void FromGuid_VersionOneGuid_ThrowsArgumentException()
    {
        var v1 = Guid.Parse("c232ab00-9414-11ec-b3c8-9f6bdeced846");

        var error = Assert.Throws<ArgumentException>(() => Uetr.FromGuid(v1));

        Assert.StartsWith("UETR must be a version 4 UUID", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Uetr.FromGuid(Guid.Empty));
    }

    [Fact]
    public void FromGuid_VersionFourGuid_WrapsIt()
    {
        var guid = Guid.Parse(Valid);

        var sut = Uetr.FromGuid(guid);

        Assert.Equal(guid, sut.Value);
    }

    [Fact]
    public void NewUetr_ManyValues_AreDistinctAndValid()
    {
        var sut = Enumerable.Range(0, 1000).Select(static _ => Uetr.NewUetr()).ToList();

        Assert.Equal(sut.Count, sut.Distinct().Count());
        Assert.All(sut, static u => Assert.Equal(u, Uetr.Parse(u.ToString())));
    }

    [Fact]
    public void TryFormat_ShortBuffer_ReturnsFalse()
    {
        var sut = Uetr.Parse(Valid);
        Span<char> buffer = stackalloc char[35];

        Assert.False(sut.TryFormat(buffer, out _));
    }

    [Fact]
    public void TryFormat_ExactBuffer_WritesTheLowerCaseText()
    {
        var sut = Uetr.Parse(Valid);
        Span<char> buffer = stackalloc char[36];

        var formatted = sut.TryFormat(buffer, out var written);

        Assert.True(formatted);
        Assert.Equal(36, written);
        Assert.Equal(Valid, buffer.ToString());
    }
}

public sealed class CountryCodeTests
{
    [Fact]
    public void All_HoldsTheAssignedCodesPlusKosovo()
    {
        var sut = CountryCode.All;

        Assert.Equal(CountryCodeTable.AssignedCount + 1, sut.Count);
        Assert.Equal(250, sut.Count);
        Assert.Equal(sut.Count, sut.Distinct().Count());
        Assert.All(sut, static c => Assert.Matches("^[A-Z]{2}$", c.Value));
        Assert.Contains(CountryCode.Parse("XK"), sut);
    }

    [Theory]
    [InlineData("SG")]
    [InlineData("XK")]
    [InlineData("AX")]
    [InlineData("SS")]
    [InlineData("BQ")]
    [InlineData("VN")]
    public void TryParse_AssignedCode_Succeeds(string text)
    {
        var parsed = CountryCode.TryParse(text, out var sut, out var failure);

        Assert.True(parsed, failure.Rule);
        Assert.Equal(text, sut.Value);
        Assert.Equal(text, sut.ToString());
    }

    [Theory]
    [InlineData("sg")]
    [InlineData("Sg")]
    [InlineData("SGP")]
    [InlineData("S")]
    [InlineData("")]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("QQ")]
    [InlineData("AN")]
    [InlineData("12")]
    public void TryParse_NotAnAssignedCode_RejectsWithFf01(string text)
    {
        var parsed = CountryCode.TryParse(text, out var sut, out var failure);

        Assert.False(parsed);
        Assert.Equal(StatusReasonCode.FF01, failure.Reason);
        Assert.Equal(
            $"country code must be an assigned ISO 3166-1 alpha-2 code of two upper-case letters; got '{text}'",
            failure.Rule);
        Assert.Equal(default, sut);
    }

    [Fact]
    public void TryParse_Null_RejectsAsMissing()
    {
        var parsed = CountryCode.TryParse(null, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.FF01, "country code is missing"), failure);
    }

    [Fact]
    public void NamedFields_HaveTheirCodes()
    {
        CountryCode[] sut =
        [
            CountryCode.SG, CountryCode.TH, CountryCode.MY, CountryCode.ID, CountryCode.PH,
            CountryCode.VN, CountryCode.IN, CountryCode.US, CountryCode.GB,
        ];

        Assert.Equal(["SG", "TH", "MY", "ID", "PH", "VN", "IN", "US", "GB"], sut.Select(static c => c.Value));
    }

    [Fact]
    public void TryParse_Span_ReturnsTheCachedString()
    {
        ReadOnlySpan<char> text = ['S', 'G'];

        var parsed = CountryCode.TryParse(text, out var sut);

        Assert.True(parsed);
        Assert.Same(CountryCode.SG.Value, sut.Value);
    }
}
