namespace PaymentSwitch.Domain.Tests;

public sealed class TransactionStatusesTests
{
    [Theory]
    [InlineData(TransactionStatus.ACTC, "ACTC", "AcceptedTechnicalValidation", false)]
    [InlineData(TransactionStatus.ACCP, "ACCP", "AcceptedCustomerProfile", false)]
    [InlineData(TransactionStatus.ACSP, "ACSP", "AcceptedSettlementInProcess", false)]
    [InlineData(TransactionStatus.ACSC, "ACSC", "AcceptedSettlementCompleted", true)]
    [InlineData(TransactionStatus.ACCC, "ACCC", "AcceptedCreditSettlementCompleted", true)]
    [InlineData(TransactionStatus.ACWP, "ACWP", "AcceptedWithoutPosting", false)]
    [InlineData(TransactionStatus.PDNG, "PDNG", "Pending", false)]
    [InlineData(TransactionStatus.RJCT, "RJCT", "Rejected", true)]
    [InlineData(TransactionStatus.BLCK, "BLCK", "Blocked", true)]
    public void Status_EveryMember_HasCodeNameAndFinality(TransactionStatus sut, string code, string name, bool isFinal)
    {
        Assert.Equal(code, TransactionStatuses.ToCode(sut));
        Assert.Equal(name, TransactionStatuses.Name(sut));
        Assert.Equal(isFinal, TransactionStatuses.IsFinal(sut));
        Assert.True(TransactionStatuses.TryParse(code, out var parsed));
        Assert.Equal(sut, parsed);
    }

    [Fact]
    public void Meaning_EveryStatus_IsADistinctSentence()
    {
        var sut = Enum.GetValues<TransactionStatus>().Select(TransactionStatuses.Meaning).ToList();

        Assert.Equal(9, sut.Count);
        Assert.All(sut, static m => Assert.Matches(@"^[A-Z].{10,}\.$", m));
        Assert.Equal(sut.Count, sut.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("accc")]
    [InlineData("ACC")]
    [InlineData("ACCCC")]
    [InlineData("ACWC")]
    [InlineData("PART")]
    public void TryParse_NotAnExactKnownStatus_ReturnsFalse(string? text)
    {
        Assert.False(TransactionStatuses.TryParse(text, out _));
    }

    [Fact]
    public void IsFinal_UndefinedValue_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionStatuses.IsFinal((TransactionStatus)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionStatuses.ToCode((TransactionStatus)99));
    }
}
