using System.Text.RegularExpressions;

namespace ContactMetrics.Cli.Tests.Commands;

/// <summary>The demo's one screen (issue #13 item 7).</summary>
public sealed partial class DemoSummaryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Run(int width, params string[] extra)
    {
        var stdout = new StringWriter();
        var console = new CliConsole(stdout, new StringWriter());
        console.Ansi.Profile.Width = width;
        // At 1,500 customers whether BG/NBD and Gamma-Gamma converge depends on the draw (seeds 3-6 of the telecom
        // preset: 4 and 6 converge, 3 and 5 do not, the business case is then unavailable); seed 6 converges with and
        // without the preset's campaign and IVR/chatbot, so the screen has every section.
        int code = CliApp.Run(["demo", "--out", _dir.Path, "--customers", "1500", "--seed", "6", .. extra], console);
        code.Should().Be(0);
        return stdout.ToString();
    }

    [Fact]
    public void Demo_Default_FitsOneScreenWithTheHeadlineTheLinesAndTheReport()
    {
        string screen = Run(120);
        var lines = screen.TrimEnd().Split('\n');

        lines.Length.Should().BeLessThanOrEqualTo(60);
        lines.Should().OnlyContain(l => l.TrimEnd('\r').Length <= 120);
        screen.Should().Contain("Headline").And.Contain("FCR +5 points: €").And.Contain("Service programme")
            .And.Contain("Total profit after service cost").And.Contain(Path.Combine(_dir.Path, "report.html"));
    }

    [Fact]
    public void Demo_At80Columns_NoNumberWrapsInsideACell()
    {
        // The same numbers, whole, at 80 and at 160 columns: a number cut by a wrap would show as two other tokens.
        var wide = Numbers(Run(160));
        var narrow = Numbers(Run(80));

        wide.Should().NotBeEmpty();
        narrow.Should().Equal(wide);
    }

    [Fact]
    public void Demo_AllFigures_PrintsEveryFigure()
    {
        string screen = Run(120, "--all-figures");

        screen.Split('\n').Length.Should().BeGreaterThan(60);
        screen.Should().Contain("CLV: planted vs fitted").And.Contain("Business case: inputs");
    }

    private static List<string> Numbers(string screen) => [.. NumberToken().Matches(screen).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"[€$£]?-?[0-9][0-9,]*(\.[0-9]+)?%?")]
    private static partial Regex NumberToken();
}
