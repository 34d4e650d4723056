namespace PaymentSwitch.Messaging.Tests;

public sealed class RequestDeadlineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Stamp_WritesUnixMillisecondsThatReadBack()
    {
        var headers = new MessageHeaders();

        RequestDeadline.Stamp(headers, Now.AddSeconds(5));

        Assert.Equal("1795395605000", headers[HeaderNames.Deadline]);
        Assert.True(RequestDeadline.TryRead(headers, out var deadline));
        Assert.Equal(Now.AddSeconds(5), deadline);
    }

    [Fact]
    public void Stamp_InheritedDeadlineEarlier_KeepsTheEarlierOne()
    {
        var headers = new MessageHeaders();

        RequestDeadline.Stamp(headers, Now.AddSeconds(5), inherited: Now.AddSeconds(2));

        Assert.True(RequestDeadline.TryRead(headers, out var deadline));
        Assert.Equal(Now.AddSeconds(2), deadline);
    }

    [Fact]
    public void Stamp_InheritedDeadlineLater_TakesItsOwn()
    {
        var headers = new MessageHeaders();

        RequestDeadline.Stamp(headers, Now.AddSeconds(1), inherited: Now.AddSeconds(2));

        Assert.True(RequestDeadline.TryRead(headers, out var deadline));
        Assert.Equal(Now.AddSeconds(1), deadline);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1e9")]
    [InlineData("99999999999999999999")]
    public void HasExpired_NoOrMalformedDeadline_NeverExpires(string? value)
    {
        var headers = new MessageHeaders();
        if (value is not null)
        {
            headers[HeaderNames.Deadline] = value;
        }

        var message = new BusMessage("ps.v1.hub.quotes", "_INBOX.x", headers, ReadOnlyMemory<byte>.Empty);

        Assert.False(RequestDeadline.HasExpired(message, Now.AddYears(50)));
        Assert.False(RequestDeadline.TryRead(headers, out _));
    }

    [Fact]
    public void HasExpired_ComparesWithNow()
    {
        var headers = new MessageHeaders();
        RequestDeadline.Stamp(headers, Now);
        var message = new BusMessage("ps.v1.hub.quotes", "_INBOX.x", headers, ReadOnlyMemory<byte>.Empty);

        Assert.False(RequestDeadline.HasExpired(message, Now));
        Assert.True(RequestDeadline.HasExpired(message, Now.AddMilliseconds(1)));
    }
}
