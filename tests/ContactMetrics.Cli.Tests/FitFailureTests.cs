using System.Text.Json;

namespace ContactMetrics.Cli.Tests;

/// <summary>
/// Fit failure is a result (issue #14 item 2): degenerate data exits 2 naming the problem and what to do; a fit that does
/// not identify its parameters reports converged = false with a warning, never converged with undefined standard errors.
/// </summary>
public class FitFailureTests
{
    private const string Header = "customer_id,frequency,recency,T,monetary_value\n";

    private static CliRun Fit(string model, string rows, params string[] extra)
    {
        using var dir = new TempDir();
        string path = dir.File("rfm.csv");
        File.WriteAllText(path, Header + rows);
        return CliRun.Of(["clv", "fit", "--model", model, "--summary", path, .. extra]);
    }

    [Theory]
    // Each crashed with exit 134 (ModelFitException, ArgumentException or ArgumentOutOfRangeException from gamma = 0).
    [InlineData("c1,3,20,30,10\n", "needs at least two customers")]
    [InlineData("c1,3,20,30,10\nc2,3,20,30,10\nc3,3,20,30,10\n", "needs mean spends that vary between customers")]
    [InlineData("c1,3,20,30,10\nc2,2,10,30,10\nc3,5,25,30,10\nc4,0,0,30,0\n", "needs mean spends that vary between customers")]
    [InlineData("c1,3,20,30,0\nc2,2,10,30,0\n", "needs customers with at least one repeat transaction and a positive monetary value")]
    public void GammaGamma_DegenerateData_Exits2WithWhatToDo(string rows, string message)
    {
        var run = Fit("gamma-gamma", rows);
        run.ExitCode.Should().Be(CliApp.InvalidInput, run.Error);
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Contain(message).And.NotContain("(Parameter");
    }

    [Theory]
    [InlineData("bg-nbd")]
    [InlineData("pareto-nbd")]
    public void TransactionModel_NoRepeatBuyers_Exits2(string model)
    {
        var run = Fit(model, "c1,0,0,30,0\nc2,0,0,30,0\nc3,0,0,20,0\n");
        run.ExitCode.Should().Be(CliApp.InvalidInput, run.Error);
        run.Error.Should().Contain("no customer has a repeat purchase");
    }

    [Theory]
    [InlineData("bg-nbd")]
    [InlineData("pareto-nbd")]
    public void TransactionModel_IdenticalCustomers_IsNotConvergedAndSaysSo(string model)
    {
        // Three identical customers: the likelihood has no interior maximum; the fit used to report converged = true with
        // NaN standard errors (printed as null) and estimates near 1e8.
        var run = Fit(model, "c1,3,20,30,10\nc2,3,20,30,10\nc3,3,20,30,10\n", "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        var fit = JsonDocument.Parse(run.Out).RootElement.GetProperty("fit");
        fit.GetProperty("converged").GetBoolean().Should().BeFalse();
        run.Error.Should().Contain($"warning: the {model} fit did not converge").And.Contain("do not identify the parameters");
        run.Out.Should().NotContain("NaN").And.NotContain("Infinity");
    }

    [Fact]
    public void TableOutput_UndefinedNumbers_PrintAsMissingNotNaN()
    {
        var run = Fit("bg-nbd", "c1,3,20,30,10\nc2,3,20,30,10\nc3,3,20,30,10\n");
        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().NotContain("NaN").And.NotContain("Infinity");
    }

    [Fact]
    public void ClvPredict_SpendFitFails_Exits2NamingTheModel()
    {
        // Every repeat buyer spends 10: Gamma-Gamma cannot be fitted, so no CLV can be predicted.
        using var dir = new TempDir();
        string path = dir.File("rfm.csv");
        File.WriteAllText(path, Header + "c1,3,20,30,10\nc2,2,10,30,10\nc3,5,25,30,10\nc4,0,0,30,0\n");
        var predict = CliRun.Of("clv", "predict", "--model", "bg-nbd", "--summary", path, "--horizon", "52", "--margin", "0.3", "--discount-rate", "0.1", "--currency", "EUR");
        predict.ExitCode.Should().Be(CliApp.InvalidInput, predict.Error);
        predict.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Contain("Gamma-Gamma model needs mean spends that vary");
    }
}
