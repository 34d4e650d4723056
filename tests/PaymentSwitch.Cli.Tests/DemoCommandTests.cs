namespace PaymentSwitch.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    [Fact]
    public void Demo_Runs_SaysItIsAPlaceholderAndSucceeds()
    {
        var result = _sut.Run("demo", "--keep", _sut.Directory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Not yet the real demo", result.Output, StringComparison.Ordinal);
        Assert.Contains("all steps succeeded", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_sut.PathOf("sgd-thb.pacs.008.001.08.xml")));
        Assert.True(File.Exists(_sut.PathOf("sgd-thb.json")));
    }
}
