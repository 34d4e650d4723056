using Microsoft.Extensions.Time.Testing;

namespace PaymentSwitch.Cli.Tests;

/// <summary>Runs <c>paymentswitch</c> in-process with captured output, a fixed clock and an optional stdin.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("paymentswitch-cli-tests-").FullName;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 14, 1, 30, 15, TimeSpan.Zero));

    /// <summary>A scratch folder deleted on dispose.</summary>
    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public CliResult Run(params string[] args) => RunWithInput(string.Empty, args);

    public CliResult RunWithInput(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Cli.Run(args, input, output, error, Time);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public CliResult RunWithBinaryInput(byte[] stdin, params string[] args)
    {
        using var binary = new MemoryStream(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Cli.Run(args, new CliConsole(TextReader.Null, output, error, Time, binary));
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
