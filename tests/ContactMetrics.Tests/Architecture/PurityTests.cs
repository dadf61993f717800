using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Architecture;

/// <summary>The core touches no files, console, clock or global random generator (DESIGN.md; after NodaTime's <c>PurityTest.cs</c>).</summary>
public class PurityTests
{
    private const string BadRoot = "ContactMetrics.Tests.Architecture.Bad.Impure";

    [Fact]
    public void Violations_DeliberatelyImpureTypes_FindsEachAndNotThePureOnes()
    {
        var violations = PurityRules.Violations(AssemblyScan.Of(typeof(PurityTests).Assembly), BadRoot);

        string[] expected =
        [
            "ReadsTheClock calls System.DateTime::get_Now()",
            "ReadsTheClock calls System.DateTimeOffset::get_UtcNow()",
            "ReadsTheNodaTimeSystemClock uses NodaTime.SystemClock",
            "TimesWithAStopwatch uses System.Diagnostics.Stopwatch",
            "UsesTheSharedRandom calls System.Random::get_Shared()",
            "SeedsRandomFromTheClock calls System.Random::.ctor()",
            "ReadsAFile uses System.IO.File",
            "OpensAReaderOnAPath calls System.IO.StreamReader::.ctor(System.String)",
            "WritesToTheConsole uses System.Console",
        ];
        foreach (string e in expected)
        {
            violations.Should().Contain(v => v.StartsWith($"{BadRoot}.{e}", StringComparison.Ordinal), e);
        }
        violations.Should().NotContain(v => v.StartsWith($"{BadRoot}.Pure", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_NoFileConsoleClockOrAmbientRandomness()
    {
        var violations = PurityRules.Violations(AssemblyScan.Of(typeof(Money).Assembly), "ContactMetrics");

        violations.Should().BeEmpty();
    }
}
