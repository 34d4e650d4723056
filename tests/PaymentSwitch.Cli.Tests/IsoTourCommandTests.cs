namespace PaymentSwitch.Cli.Tests;

public sealed class IsoTourCommandTests : IDisposable
{
    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    [Fact]
    public void IsoTour_Runs_WritesEveryStepAndSucceeds()
    {
        var result = _sut.Run("iso", "tour", "--keep", _sut.Directory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ISO 20022 tour", result.Output, StringComparison.Ordinal);
        Assert.Contains("all steps succeeded", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_sut.PathOf("sgd-thb.pacs.008.001.08.xml")));
        Assert.True(File.Exists(_sut.PathOf("sgd-thb.json")));
    }
}
