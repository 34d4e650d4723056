namespace PaymentSwitch.Messaging.Tests;

public sealed class MessageHeadersTests
{
    [Fact]
    public void Indexer_SetExistingName_ReplacesInPlaceKeepingOrder()
    {
        var sut = new MessageHeaders { ["a"] = "1", ["b"] = "2", ["c"] = "3" };

        sut["b"] = "two";

        Assert.Equal([new("a", "1"), new("b", "two"), new("c", "3")], [.. sut]);
    }

    [Fact]
    public void TryGet_NameDiffersOnlyInCase_IsNotFound()
    {
        var sut = new MessageHeaders { [HeaderNames.TraceParent] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" };

        Assert.False(sut.TryGet("TraceParent", out _));
        Assert.True(sut.TryGet("traceparent", out var value));
        Assert.StartsWith("00-", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_DuplicateName_ThrowsArgumentException()
    {
        var sut = new MessageHeaders { { HeaderNames.Reason, "AB08" } };

        Assert.Throws<ArgumentException>(() => sut.Add(HeaderNames.Reason, "AB05"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("colon:name")]
    [InlineData("tab\tname")]
    [InlineData("ünicode")]
    public void Indexer_InvalidName_ThrowsArgumentException(string name)
    {
        var sut = new MessageHeaders();

        Assert.ThrowsAny<ArgumentException>(() => sut[name] = "value");
    }

    [Theory]
    [InlineData("line\r\nInjected: yes")]
    [InlineData("line\nbreak")]
    public void Indexer_ValueWithLineBreak_ThrowsArgumentException(string value)
    {
        var sut = new MessageHeaders();

        Assert.Throws<ArgumentException>(() => sut["x"] = value);
    }

    [Fact]
    public void Indexer_GetMissingName_ThrowsKeyNotFound()
    {
        var sut = new MessageHeaders();

        Assert.Throws<KeyNotFoundException>(() => sut["missing"]);
    }

    [Fact]
    public void Clone_ThenChangeCopy_LeavesOriginalUnchanged()
    {
        var sut = new MessageHeaders { ["a"] = "1" };

        var copy = sut.Clone();
        copy["a"] = "changed";
        copy["b"] = "2";

        Assert.Equal("1", sut["a"]);
        Assert.Equal(1, sut.Count);
        Assert.True(copy.Remove("b"));
        Assert.False(copy.Remove("b"));
    }

    [Fact]
    public void Add_MoreThanMaxCount_ThrowsInvalidOperation()
    {
        var sut = new MessageHeaders();
        for (var i = 0; i < MessageHeaders.MaxCount; i++)
        {
            sut.Add($"h{i}", "v");
        }

        Assert.Throws<InvalidOperationException>(() => sut.Add("one-too-many", "v"));
    }

    [Fact]
    public async Task ReplyAsync_MessageWithoutReplySubject_ThrowsInvalidOperation()
    {
        await using var bus = new InProcessBus();
        var published = new BusMessage("ips.sg.in", null, null, ReadOnlyMemory<byte>.Empty);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await bus.ReplyAsync(published, ReadOnlyMemory<byte>.Empty));
    }
}
