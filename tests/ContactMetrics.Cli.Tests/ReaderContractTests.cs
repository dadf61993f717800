namespace ContactMetrics.Cli.Tests;

/// <summary>
/// Bad rows that used to crash a command or pass silently (issue #14) exit 2 with one line naming file, line and
/// column; and <c>validate</c> rejects exactly what the analysis commands reject.
/// </summary>
public class ReaderContractTests
{
    private const string InteractionHeader = "interaction_id,customer_id,channel,arrived_at,answered_at,ended_at,talk_seconds";

    private static string Interaction(string id, string arrived = "2025-03-01T09:15:00Z", string talk = "60")
        => $"{id},c-1,phone,{arrived},{arrived},{arrived},{talk}";

    public static TheoryData<string, string, string> BadInteractions => new()
    {
        // An instant past year 9999 once its offset is applied killed every command with an OverflowException.
        { Interaction("i-2", "9999-12-31T23:00:00-05:00"), "line 3, column 4: arrived_at '9999-12-31T23:00:00-05:00' is outside the supported range", "year" },
        // Talk times over 24 days passed validate and were rejected by kpis later, without file or line.
        { Interaction("i-2", talk: "3000000"), "line 3, column 7: talk_seconds '3000000' is longer than 24 days", "talk" },
        // Duplicate interactions were counted twice.
        { Interaction("i-1"), "line 3, column 1: interaction_id 'i-1' repeats the interaction_id of line 2", "duplicate" },
    };

    [Theory]
    [MemberData(nameof(BadInteractions))]
    public void ValidateAndKpis_RejectTheSameRowWithTheSameMessage(string badRow, string expected, string name)
    {
        using var dir = new TempDir();
        string path = dir.File(name + ".csv");
        File.WriteAllText(path, $"{InteractionHeader}\n{Interaction("i-1")}\n{badRow}\n");

        var validate = CliRun.Of("validate", "--interactions", path, "--all-errors");
        var kpis = CliRun.Of("kpis", "--interactions", path);

        validate.ExitCode.Should().Be(CliApp.InvalidInput, validate.Error);
        validate.Error.Should().Contain($"{path}, {expected}");
        kpis.ExitCode.Should().Be(CliApp.InvalidInput, kpis.Error);
        kpis.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Contain($"{path}, {expected}");
    }

    [Fact]
    public void Kpis_UnclosedQuoteWithSkipInvalid_Exits2InsteadOfReadingShort()
    {
        using var dir = new TempDir();
        string path = dir.File("i.csv");
        File.WriteAllText(path, $"{InteractionHeader}\n\"{Interaction("i-1")}\n{Interaction("i-2")}\n");
        var run = CliRun.Of("kpis", "--interactions", path, "--skip-invalid");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        run.Error.Trim().Should().StartWith($"contactmetrics: {path}, line 2: has a quoted field that is never closed");
    }

    [Fact]
    public void Validate_DuplicateCustomerIds_Exits2()
    {
        // Duplicate customers passed validate, double-counted in retention uplift and crashed the report.
        using var dir = new TempDir();
        string interactions = dir.File("i.csv");
        File.WriteAllText(interactions, $"{InteractionHeader}\n{Interaction("i-1")}\n");
        string customers = dir.File("c.csv");
        File.WriteAllText(customers, "customer_id,segment,acquired_on\nc-1,a,2024-01-01\nc-1,b,2024-01-01\n");
        var run = CliRun.Of("validate", "--interactions", interactions, "--customers", customers, "--all-errors");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        run.Error.Should().Contain($"{customers}, line 3, column 1: customer_id 'c-1' repeats the customer_id of line 2");
    }

    [Fact]
    public void ClvFit_AmountNearDecimalsLimit_Exits2NamingTheCell()
    {
        // 79228162514264337593543950335 is decimal.MaxValue; summing two crashed CLV with an OverflowException.
        using var dir = new TempDir();
        string path = dir.File("p.csv");
        File.WriteAllText(path, "customer_id,occurred_at,amount,currency\nc-1,2024-01-01T10:00:00Z,79228162514264337593543950335,EUR\nc-1,2024-02-01T10:00:00Z,79228162514264337593543950335,EUR\n");
        var run = CliRun.Of("clv", "fit", "--model", "gamma-gamma", "--purchases", path, "--calibration-end", "2024-12-31");
        run.ExitCode.Should().Be(CliApp.InvalidInput);
        run.Error.Should().Contain($"{path}, line 2, column 3: amount '79228162514264337593543950335' is beyond the largest amount");
    }
}
