namespace PaymentSwitch.Messaging.Tests;

public sealed class OptionsTests
{
    public static TheoryData<Action<NatsBusOptions>> InvalidNatsOptions => new()
    {
        options => options.Url = "",
        options => options.Url = "http://127.0.0.1:4222",
        options => options.Url = "nats://user:secret@127.0.0.1:4222",
        options => options.Url = "nats://127.0.0.1:4222, not a url",
        options => options.Username = "hub",
        options => options.Password = "secret",
        options => { options.Username = "hub"; options.Password = "secret"; options.Token = "t"; },
        options => options.PendingCapacity = 0,
        options => options.ConnectTimeout = TimeSpan.Zero,
        options => options.Name = "",
    };

    [Theory]
    [MemberData(nameof(InvalidNatsOptions))]
    public async Task NatsMessageBusConnectAsync_InvalidOptions_ThrowsArgumentExceptionBeforeConnecting(Action<NatsBusOptions> breakIt)
    {
        var options = new NatsBusOptions();
        breakIt(options);

        await Assert.ThrowsAsync<ArgumentException>(() => NatsMessageBus.ConnectAsync(options));
    }

    [Fact]
    public void NatsBusOptionsValidate_ClusterUrlsAndToken_Passes()
    {
        var sut = new NatsBusOptions { Url = "nats://10.0.0.1:4222, tls://10.0.0.2:4222", Token = "s3cret" };

        sut.Validate();
    }

    [Fact]
    public void InProcessBus_ZeroPendingCapacity_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new InProcessBus(new InProcessBusOptions { PendingCapacity = 0 }));
    }
}
