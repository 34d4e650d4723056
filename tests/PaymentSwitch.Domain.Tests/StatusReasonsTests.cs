namespace PaymentSwitch.Domain.Tests;

public sealed class StatusReasonsTests
{
    public static TheoryData<StatusReasonCode> WireCodes() =>
        new(Enum.GetValues<StatusReasonCode>().Where(static c => c != StatusReasonCode.None));

    [Fact]
    public void Enum_DefinesExactlyTheCodesTheSwitchUses()
    {
        string[] expected =
        [
            "AB01", "AB03", "AB04", "AB05", "AB06", "AB08", "AC01", "AC03", "AC04", "AC06", "AG01", "AGNT",
            "AM01", "AM02", "AM03", "AM04", "AM05", "AM09", "AM23", "BE01", "BE23", "CH21", "CURR", "DUPL",
            "FF01", "FRAD", "NARR", "RC01", "RC11", "RR04", "TM01",
        ];

        var sut = Enum.GetNames<StatusReasonCode>().Where(static n => n != "None");

        Assert.Equal(expected, sut);
    }

    [Theory]
    [MemberData(nameof(WireCodes))]
    public void ToCode_EveryMember_IsTheMemberNameAndParsesBack(StatusReasonCode code)
    {
        var sut = StatusReasons.ToCode(code);

        Assert.Equal(code.ToString(), sut);
        Assert.True(StatusReasons.TryParse(sut, out var parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [MemberData(nameof(WireCodes))]
    public void ToCode_CalledTwice_ReturnsTheSameCachedString(StatusReasonCode code)
    {
        Assert.Same(StatusReasons.ToCode(code), StatusReasons.ToCode(code));
    }

    [Theory]
    [InlineData(StatusReasonCode.AB01, "AbortedClearingTimeout")]
    [InlineData(StatusReasonCode.AB03, "AbortedSettlementTimeout")]
    [InlineData(StatusReasonCode.AB04, "AbortedSettlementFatalError")]
    [InlineData(StatusReasonCode.AB05, "TimeoutCreditorAgent")]
    [InlineData(StatusReasonCode.AB06, "TimeoutInstructedAgent")]
    [InlineData(StatusReasonCode.AB08, "OfflineCreditorAgent")]
    [InlineData(StatusReasonCode.AC01, "IncorrectAccountNumber")]
    [InlineData(StatusReasonCode.AC03, "InvalidCreditorAccountNumber")]
    [InlineData(StatusReasonCode.AC04, "ClosedAccountNumber")]
    [InlineData(StatusReasonCode.AC06, "BlockedAccount")]
    [InlineData(StatusReasonCode.AG01, "TransactionForbidden")]
    [InlineData(StatusReasonCode.AGNT, "IncorrectAgent")]
    [InlineData(StatusReasonCode.AM01, "ZeroAmount")]
    [InlineData(StatusReasonCode.AM02, "NotAllowedAmount")]
    [InlineData(StatusReasonCode.AM03, "NotAllowedCurrency")]
    [InlineData(StatusReasonCode.AM04, "InsufficientFunds")]
    [InlineData(StatusReasonCode.AM05, "Duplication")]
    [InlineData(StatusReasonCode.AM09, "WrongAmount")]
    [InlineData(StatusReasonCode.AM23, "AmountExceedsSettlementLimit")]
    [InlineData(StatusReasonCode.BE01, "InconsistentWithEndCustomer")]
    [InlineData(StatusReasonCode.BE23, "AccountProxyInvalid")]
    [InlineData(StatusReasonCode.CH21, "RequiredCompulsoryElementMissing")]
    [InlineData(StatusReasonCode.CURR, "IncorrectCurrency")]
    [InlineData(StatusReasonCode.DUPL, "DuplicatePayment")]
    [InlineData(StatusReasonCode.FF01, "InvalidFileFormat")]
    [InlineData(StatusReasonCode.FRAD, "FraudulentOrigin")]
    [InlineData(StatusReasonCode.NARR, "Narrative")]
    [InlineData(StatusReasonCode.RC01, "BankIdentifierIncorrect")]
    [InlineData(StatusReasonCode.RC11, "InvalidIntermediaryAgent")]
    [InlineData(StatusReasonCode.RR04, "RegulatoryReason")]
    [InlineData(StatusReasonCode.TM01, "InvalidCutOffTime")]
    public void Name_EveryCode_IsTheIsoName(StatusReasonCode code, string expected)
    {
        var sut = StatusReasons.Name(code);

        Assert.Equal(expected, sut);
    }

    [Fact]
    public void Meaning_EveryCode_IsADistinctSentence()
    {
        var sut = Enum.GetValues<StatusReasonCode>().Select(StatusReasons.Meaning).ToList();

        Assert.All(sut, static m => Assert.Matches(@"^[A-Z].{10,}\.$", m));
        Assert.Equal(sut.Count, sut.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(StatusReasonCode.AM05, "duplicat")]
    [InlineData(StatusReasonCode.AM01, "zero")]
    [InlineData(StatusReasonCode.AM04, "funds")]
    [InlineData(StatusReasonCode.AB05, "creditor agent")]
    [InlineData(StatusReasonCode.BE23, "proxy")]
    [InlineData(StatusReasonCode.TM01, "cut-off")]
    public void Meaning_KnownCode_DescribesTheIsoDefinition(StatusReasonCode code, string keyword)
    {
        var sut = StatusReasons.Meaning(code);

        Assert.Contains(keyword, sut, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab05")]
    [InlineData("Ab05")]
    [InlineData("AB05 ")]
    [InlineData(" AB05")]
    [InlineData("AB5")]
    [InlineData("AB055")]
    [InlineData("AB02")]
    [InlineData("None")]
    [InlineData("ＡＢ０５")]
    public void TryParse_NotAnExactKnownCode_ReturnsFalse(string? text)
    {
        var sut = StatusReasons.TryParse(text, out var parsed);

        Assert.False(sut);
        Assert.Equal(StatusReasonCode.None, parsed);
    }

    [Fact]
    public void ToCode_None_IsEmpty()
    {
        Assert.Equal(string.Empty, StatusReasons.ToCode(StatusReasonCode.None));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(32)]
    [InlineData(int.MaxValue)]
    public void ToCode_UndefinedValue_ThrowsArgumentOutOfRange(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusReasons.ToCode((StatusReasonCode)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusReasons.Name((StatusReasonCode)value));
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusReasons.Meaning((StatusReasonCode)value));
    }
}
