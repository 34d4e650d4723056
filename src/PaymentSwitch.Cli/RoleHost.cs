using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentSwitch.Messaging;

namespace PaymentSwitch.Cli;

/// <summary>What a long-running role command hands <see cref="RoleHost"/>.</summary>
internal sealed class RoleDefinition
{
    /// <summary>The OpenTelemetry service name unless <c>OTEL_SERVICE_NAME</c> says otherwise: <c>paymentswitch-hub</c>.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The NATS client name unless <c>Nats:Name</c> is configured, from the final configuration.</summary>
    public required Func<IConfiguration, string> NatsClientName { get; init; }

    /// <summary>The options the command line set, the last configuration source.</summary>
    public required CommandLineSettings CommandLine { get; init; }

    /// <summary>Registers the role's options and hosted services (after the NATS connection's, so they stop before it).</summary>
    public required Action<RoleServices> ConfigureServices { get; init; }

    /// <summary>The one-line banner once the role runs, and its name for the <c>&lt;name&gt; stopping.</c> line.</summary>
    public required Func<IServiceProvider, (string Banner, string Name)> Describe { get; init; }
}

/// <summary>The services and configuration of a role's host, with a helper for validated options.</summary>
internal sealed class RoleServices(IServiceCollection services, IConfiguration configuration, CommandLineSettings commandLine)
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, validates it with
    /// <see cref="ConfigurationValidator{TOptions}"/> (attributes, nested options, <paramref name="check"/>) and checks
    /// it when the host starts, so a bad setting stops the process before it connects to anything.
    /// </summary>
    public OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(string section, Func<TOptions, IEnumerable<(string Member, string Message)>>? check = null)
        where TOptions : class
    {
        Services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationValidator<TOptions>(section, commandLine, check));
        return Services.AddOptions<TOptions>().Bind(Configuration.GetSection(section)).ValidateOnStart();
    }
}

/// <summary>A role could not start for a reason one line explains (no server, no hub, bad configuration file).</summary>
internal sealed class RoleStartException(string message, int exitCode = Cli.Usage) : Exception(message)
{
    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// Runs a long-running role (<c>hub</c>, <c>adapter</c>, <c>fxp</c>) on the .NET Generic Host: configuration, options
/// validated at start, logging, OpenTelemetry, the NATS connection and the role's service as hosted services, and
/// Ctrl+C/SIGTERM through the host's console lifetime.
/// </summary>
/// <remarks>
/// <para>
/// Configuration, later sources winning: <c>appsettings.json</c> then <c>appsettings.{Environment}.json</c> next to the
/// executable, the same two in the current directory, the process's <c>OTEL_*</c> variables under their own names (for
/// the OpenTelemetry exporters), variables prefixed <c>PAYMENTSWITCH_</c> (<c>PAYMENTSWITCH_Hub__InstanceId</c>), and
/// last the options given on the command line (<see cref="CommandLineSettings"/>). The environment name is
/// <c>DOTNET_ENVIRONMENT</c>, Production when unset. The host gets no arguments: System.CommandLine parses them.
/// </para>
/// <para>
/// Every expected failure is one line on standard error and exit 2: invalid configuration (naming the key or option),
/// an unreadable appsettings file, an unknown OTEL exporter, no NATS server, no hub.
/// </para>
/// </remarks>
internal static class RoleHost
{
    /// <summary>The prefix of the environment variables the roles read (<c>PAYMENTSWITCH_Nats__Url</c>).</summary>
    public const string EnvironmentPrefix = "PAYMENTSWITCH_";

    /// <summary>Builds, validates, starts and runs a role until Ctrl+C, SIGTERM or <paramref name="cancellationToken"/>.</summary>
    public static async Task<int> RunAsync(CliConsole console, RoleDefinition role, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = Build(console, role);
        }
        catch (RoleStartException ex)
        {
            return Fail(console, ex.Message, ex.ExitCode);
        }

        try
        {
            return await RunAsync(console, host, role, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // DisposeAsync: the bus and the services are IAsyncDisposable, which a synchronous Dispose of the container refuses.
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }

    /// <summary>The host of a role, not started (tests look at its configuration and services).</summary>
    internal static IHost Build(CliConsole console, RoleDefinition role)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // The defaults would read every environment variable and the arguments, and watch the appsettings files.
            DisableDefaults = true,
            Args = [],
            ApplicationName = "paymentswitch",
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } environment ? environment : Environments.Production,
        });

        AddConfiguration(builder.Configuration, builder.Environment, role.CommandLine);
        AddLogging(builder.Logging, builder.Configuration);

        if (!TelemetrySelection.TryRead(builder.Configuration, role.ServiceName, out var telemetry, out var telemetryError))
        {
            throw new RoleStartException(telemetryError!);
        }

        var services = builder.Services;
        services.AddSingleton(console.Time);
        services.Configure<ConsoleLifetimeOptions>(static o => o.SuppressStatusMessages = true);

        // First, so its hosted service starts before the role's and flushes after the role has stopped.
        telemetry.AddTo(services);

        var roleServices = new RoleServices(services, builder.Configuration, role.CommandLine);
        var nats = builder.Configuration.GetSection("Nats");
        var clientName = role.NatsClientName(builder.Configuration);
        roleServices.AddValidatedOptions<NatsBusOptions>("Nats").PostConfigure(options =>
        {
            if (nats["Name"] is null)
            {
                options.Name = clientName;
            }
        });
        services.AddSingleton<BusConnection>();
        services.AddHostedService(static sp => sp.GetRequiredService<BusConnection>());
        role.ConfigureServices(roleServices);
        return builder.Build();
    }

    private static async Task<int> RunAsync(CliConsole console, IHost host, RoleDefinition role, CancellationToken cancellationToken)
    {
        // The host would validate too (ValidateOnStart), but from here a bad setting is one line, not a logged failure.
        if (ValidateOptions(host.Services) is { } invalid)
        {
            return Fail(console, invalid, Cli.Usage);
        }

        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RoleStartException ex)
        {
            return Fail(console, ex.Message, ex.ExitCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while it was still connecting: nothing ran, nothing to report.
            return Cli.Ok;
        }

        var (banner, name) = role.Describe(host.Services);
        console.Output.WriteLine(banner);
        console.Output.Flush();

        // The host's console lifetime turns Ctrl+C and SIGTERM into StopApplication; the command's token does the same.
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using (cancellationToken.Register(static state => ((IHostApplicationLifetime)state!).StopApplication(), lifetime))
        {
            var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStopping.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), stopping))
            {
                await stopping.Task.ConfigureAwait(false);
            }
        }

        console.Output.WriteLine($"{name} stopping.");
        console.Output.Flush();

        // The hosted services stop in reverse order: the role's service drains its subscriptions, then the bus closes.
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return Cli.Ok;
    }

    /// <summary>Binds and validates every option registered with ValidateOnStart; the failures as one line, or <c>null</c>.</summary>
    internal static string? ValidateOptions(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return string.Join("; ", ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(static e => e is OptionsValidationException))
        {
            return string.Join("; ", ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(static e => e.Failures));
        }
        catch (InvalidOperationException ex)
        {
            // The configuration binder's: "Failed to convert configuration value '1 hour' at 'Hub:SettlementInterval' to type 'System.TimeSpan'."
            return FirstLine(ex.Message);
        }
    }

    private static void AddConfiguration(ConfigurationManager configuration, IHostEnvironment environment, CommandLineSettings commandLine)
    {
        var folders = new List<string> { AppContext.BaseDirectory, environment.ContentRootPath };
        if (Path.GetFullPath(folders[0]).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(folders[1]).TrimEnd(Path.DirectorySeparatorChar))
        {
            folders.RemoveAt(1);
        }

        foreach (var folder in folders)
        {
            foreach (var file in new[] { "appsettings.json", $"appsettings.{environment.EnvironmentName}.json" })
            {
                var path = Path.Combine(folder, file);
                try
                {
                    configuration.AddJsonFile(path, optional: true, reloadOnChange: false);
                }
                catch (InvalidDataException ex)
                {
                    throw new RoleStartException($"cannot read {path}: {FirstLine(ex.InnerException?.Message ?? ex.Message)}");
                }
            }
        }

        // The OTLP exporter reads OTEL_EXPORTER_OTLP_* from the host's configuration, which holds no unprefixed variables.
        var otel = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key && key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            {
                otel[key] = variable.Value as string;
            }
        }

        configuration.AddInMemoryCollection(otel);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddInMemoryCollection(commandLine.Values);
    }

    /// <summary>Console logging to standard error (standard output keeps the one-line banner for scripts), single lines in UTC.</summary>
    private static void AddLogging(ILoggingBuilder logging, ConfigurationManager configuration)
    {
        // Defaults first: the Logging section (and --log-level, part of it) adds its rules after these, so it wins.
        logging.SetMinimumLevel(LogLevel.Information);

        // The NATS client and the bus log every connection they open at Information; that is detail for debugging.
        logging.AddFilter("NATS", LogLevel.Warning);
        logging.AddFilter("PaymentSwitch.Messaging", LogLevel.Warning);

        // A start that fails is reported as one line by RoleHost; the host's own log of it would add a stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(static o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        logging.AddConsole(static o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    private static int Fail(CliConsole console, string message, int exitCode)
    {
        console.Error.WriteLine($"error: {message}");
        return exitCode;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
