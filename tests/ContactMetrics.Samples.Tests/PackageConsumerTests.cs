using System.IO.Compression;
using System.Text.RegularExpressions;

namespace ContactMetrics.Samples.Tests;

/// <summary>
/// The packages as a consumer gets them: packed from this clone into one folder, the tool installed from it, and a fresh
/// console project outside the repository (no Directory.Build.props, no central package versions) that restores the
/// libraries from that folder and runs the README's library example as pasted, on the tables the demo writes.
/// </summary>
[Collection(DotnetRunCollection.Name)]
public sealed partial class PackageConsumerTests
{
    [Fact]
    public void ReadmeExample_FromPackedPackages_RunsAsPastedAndPrintsItsFigures()
    {
        string root = Path.Combine(DotnetRun.ArtifactsPath, "consumer");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        string packages = Path.Combine(root, "packages");
        string app = Path.Combine(root, "app");
        string tool = Path.Combine(root, "tool");
        Directory.CreateDirectory(app);
        // A version of its own per run, so that no copy restored earlier from the NuGet cache stands in for this build.
        string version = $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}";

        Succeed(DotnetRun.Dotnet(Repository.Root, "pack", Repository.Path("ContactMetrics.sln"), "-c", "Release", "-o", packages,
            $"-p:Version={version}", "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(root, "build")}"));
        string[] expected = ["ContactMetrics", "ContactMetrics.Data", "ContactMetrics.Reporting", "ContactMetrics.Simulation", "ContactMetrics.Interop", "ContactMetrics.Cli"];
        foreach (string id in expected)
        {
            string nupkg = Path.Combine(packages, $"{id}.{version}.nupkg");
            File.Exists(nupkg).Should().BeTrue($"dotnet pack puts every package into one folder ({id})");
            using var zip = ZipFile.OpenRead(nupkg);
            // Every package, the tool included, carries the package README (no relative links: they break on nuget.org).
            using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
            string text = readme.ReadToEnd();
            text.Should().Contain("dotnet add package ContactMetrics").And.Contain("dotnet tool install --global ContactMetrics.Cli");
            RelativeLink().IsMatch(text).Should().BeFalse($"the package README of {id} has no relative links");
        }

        Succeed(DotnetRun.Dotnet(root, "tool", "install", "ContactMetrics.Cli", "--tool-path", tool, "--add-source", packages,
            "--version", version));
        var demo = DotnetRun.Process(Path.Combine(tool, "contactmetrics"), app, "demo", "--customers", "2000");
        Succeed(demo);
        File.Exists(Path.Combine(app, "contactmetrics-demo", "interactions.csv")).Should().BeTrue(demo.ToString());

        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ContactMetrics" Version="{version}" />
                <PackageReference Include="ContactMetrics.Data" Version="{version}" />
                <PackageReference Include="ContactMetrics.Reporting" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        string example = ReadmeExample(File.ReadAllText(Repository.Path("README.md")));
        File.WriteAllText(Path.Combine(app, "Program.cs"), example);

        var run = DotnetRun.Dotnet(app, "run");
        Succeed(run);
        // What the example prints: a money amount per customer, the FCR case with its P10 and P90, the report.
        run.Out.Should().MatchRegex(@"Mean 3-year value per customer: -?[\d.]+ EUR");
        run.Out.Should().MatchRegex(@"FCR \+5 points: -?[\d.]+ EUR a year \(P10 -?[\d.]+ EUR, P90 -?[\d.]+ EUR\)");
        run.Out.Should().MatchRegex(@"Wrote report.html and \d+ charts");
        File.ReadAllText(Path.Combine(app, "report.html")).Should().StartWith("<!DOCTYPE html>");
    }

    [Fact]
    public void PackageReadme_CarriesTheReadmesLibraryExample()
    {
        // One example, two places: what the consumer test runs is also what nuget.org shows.
        string readme = ReadmeExample(File.ReadAllText(Repository.Path("README.md")));
        string package = ReadmeExample(File.ReadAllText(Repository.Path("src", "PackageReadme.md")));
        package.Should().Be(readme);
    }

    /// <summary>The first C# block of a README.</summary>
    private static string ReadmeExample(string markdown)
    {
        var match = CSharpBlock().Match(markdown);
        match.Success.Should().BeTrue("the README has a ```csharp block");
        return match.Groups[1].Value;
    }

    private static void Succeed(DotnetRunResult run) => run.ExitCode.Should().Be(0, run.ToString());

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\]\((?!https?://)[^)]*\)")]
    private static partial Regex RelativeLink();
}
