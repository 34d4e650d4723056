using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Tests;

public sealed class HubTypesTests
{
    [Fact]
    public void Rejection_ToString_NamesCodeFieldAndDetail()
    {
        var sut = new Rejection(StatusReasonCode.AM02, "CdtTrfTxInf[1]/IntrBkSttlmAmt", "exceeds the SG-FAST cap of 200000.00 SGD");

        Assert.Equal("AM02 CdtTrfTxInf[1]/IntrBkSttlmAmt: exceeds the SG-FAST cap of 200000.00 SGD", sut.ToString());
    }
}
