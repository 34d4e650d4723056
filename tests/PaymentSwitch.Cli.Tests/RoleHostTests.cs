using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Hub;

namespace PaymentSwitch.Cli.Tests;

/// <summary>
/// The role commands' Generic Host, built but not started: configuration order (command line over PAYMENTSWITCH_*
/// variables over defaults), options validated at start with failures naming the key or the option, and no
/// OpenTelemetry registered when nothing asks for it.
/// </summary>
public sealed class RoleHostTests
{
    // A key no other test reads, so setting it in this process's environment disturbs nothing.
    private const string Variable = "PAYMENTSWITCH_RoleHostTests__Only";

    [Fact]
    public async Task Build_VariableAndCommandLine_CommandLineWins()
    {
        Environment.SetEnvironmentVariable(Variable, "from-environment");
        try
        {
            await using var fromEnvironment = Build(new CommandLineSettings());
            await using var fromCommandLine = Build(new CommandLineSettings().Set("RoleHostTests:Only", "--only", "from-command-line"));

            Assert.Equal("from-environment", Configuration(fromEnvironment)["RoleHostTests:Only"]);
            Assert.Equal("from-command-line", Configuration(fromCommandLine)["RoleHostTests:Only"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public async Task Build_CommandLineDuration_BoundIntoTheOptions()
    {
        var commandLine = new CommandLineSettings()
            .SetDuration("Hub:SettlementInterval", "--settlement-interval", "15m", TimeSpan.FromMinutes(15))
            .Set("Hub:InstanceId", "--instance-id", "T7");
        await using var sut = Build(commandLine);

        Assert.Null(RoleHost.ValidateOptions(sut.Services));
        var options = sut.Services.GetRequiredService<IOptions<HubServiceOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(15), options.SettlementInterval);
        Assert.Equal("T7", options.InstanceId);
        Assert.Equal("paymentswitch-hub-T7", sut.Services.GetRequiredService<IOptions<NatsBusOptions>>().Value.Name);
    }

    [Fact]
    public async Task ValidateOptions_NestedValueOutOfRange_OneLineNamingTheFullKey()
    {
        await using var sut = Build(new CommandLineSettings().Set("Hub:Resilience:Publish:RetryAttempts", "--retries", null, "500"));

        var error = RoleHost.ValidateOptions(sut.Services);

        Assert.NotNull(error);
        Assert.StartsWith("--retries: The field RetryAttempts must be between 0 and 100", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task ValidateOptions_NatsUrlFromTheCommandLine_NamesTheOption()
    {
        await using var sut = Build(new CommandLineSettings().Set("Nats:Url", "--nats", "localhost"));

        var error = RoleHost.ValidateOptions(sut.Services);

        Assert.NotNull(error);
        Assert.StartsWith("--nats localhost: Url 'localhost' must be", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateOptions_UnconvertibleValue_NamesTheKey()
    {
        await using var sut = Build(new CommandLineSettings().Set("Hub:SettlementInterval", "--every", "1 hour"));

        var error = RoleHost.ValidateOptions(sut.Services);

        Assert.NotNull(error);
        Assert.Contains("'Hub:SettlementInterval'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationValidator_NestedFailureFromConfiguration_NamesTheFullKey()
    {
        var sut = new ConfigurationValidator<HubServiceOptions>("Hub", new CommandLineSettings());
        var options = new HubServiceOptions();
        options.Resilience.Lookup.RetryAttempts = -1;
        options.InstanceId = "hub-one";

        var result = sut.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, static f => f.StartsWith("Hub:InstanceId: ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, static f => f.StartsWith("Hub:Resilience:Lookup:RetryAttempts: ", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigurationValidator_Defaults_Valid()
    {
        Assert.True(new ConfigurationValidator<HubServiceOptions>("Hub", new CommandLineSettings()).Validate(null, new HubServiceOptions()).Succeeded);
        Assert.True(new ConfigurationValidator<NatsBusOptions>("Nats", new CommandLineSettings()).Validate(null, new NatsBusOptions()).Succeeded);
    }

    [SkippableFact]
    public async Task Build_NoOtelVariables_NoOpenTelemetryProviders()
    {
        Skip.If(Environment.GetEnvironmentVariable("OTEL_TRACES_EXPORTER") is { Length: > 0 } || Environment.GetEnvironmentVariable("OTEL_METRICS_EXPORTER") is { Length: > 0 }, "OTEL_* exporters are set in this environment");

        await using var sut = Build(new CommandLineSettings());

        Assert.Null(sut.Services.GetService<TracerProvider>());
        Assert.Null(sut.Services.GetService<MeterProvider>());
    }

    private static AsyncHost Build(CommandLineSettings commandLine)
    {
        using var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, TextWriter.Null, error, new FakeTimeProvider());
        var role = new RoleDefinition
        {
            ServiceName = "paymentswitch-hub",
            NatsClientName = static configuration => "paymentswitch-hub-" + (configuration["Hub:InstanceId"] ?? "H1"),
            CommandLine = commandLine,
            ConfigureServices = static role => role.AddValidatedOptions<HubServiceOptions>("Hub"),
            Describe = static _ => ("banner", "hub"),
        };
        return new AsyncHost(RoleHost.Build(console, role));
    }

    private static IConfiguration Configuration(AsyncHost host) => host.Services.GetRequiredService<IConfiguration>();

    private sealed class AsyncHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public ValueTask DisposeAsync() => ((IAsyncDisposable)host).DisposeAsync();
    }
}
