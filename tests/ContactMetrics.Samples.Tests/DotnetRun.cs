using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ContactMetrics.Samples.Tests;

/// <summary>The result of one <c>dotnet run --file</c>.</summary>
internal sealed record DotnetRunResult(int ExitCode, string Out, string Error, TimeSpan Elapsed)
{
    /// <summary>Everything the run printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs a .NET 10 file-based app with <c>dotnet run --file</c>. Every build goes to one artifacts folder in the
/// temporary directory (per repository clone), each project in its own subfolder, so the referenced library projects
/// are compiled there once per clone and never into the solution's bin/ and obj/, where a parallel
/// <c>dotnet build</c> or <c>dotnet test</c> of the solution writes.
/// </summary>
internal static class DotnetRun
{
    /// <summary>Generous: the first run compiles the library projects, on a shared 2-core machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string ArtifactsPath { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "contactmetrics-samples-tests",
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Repository.Root)))[..12].ToLowerInvariant());

    public static DotnetRunResult File(string file, params string[] args)
    {
        string[] run =
        [
            "run", "--file", file,
            "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={ArtifactsPath}", "-p:IncludeProjectNameInArtifactsPaths=true",
        ];
        return Dotnet(System.IO.Path.GetDirectoryName(file)!, args.Length > 0 ? [.. run, "--", .. args] : run);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static DotnetRunResult Dotnet(string workingDirectory, params string[] args) => Process(DotnetExecutable(), workingDirectory, args);

    /// <summary>Runs a program, outside the test host's MSBuild environment, for at most <see cref="Timeout"/>.</summary>
    public static DotnetRunResult Process(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        // Under `dotnet test` the MSBuild variables of the outer build are in the environment; the child build must not see them.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new DotnetRunResult(-1, stdout.Result, stderr.Result + $"\n(killed after {Timeout.TotalMinutes} minutes)", clock.Elapsed);
        }
        process.WaitForExit();
        return new DotnetRunResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>The dotnet host running the tests (DOTNET_HOST_PATH, set by the SDK), else dotnet on the PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && System.IO.File.Exists(host) ? host : "dotnet";
}
