using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public sealed class CoxOptionsTests
{
    [Fact]
    public void Default_IsRCoxphControl()
    {
        // coxph.control(): eps = 1e-9, iter.max = 20; ties = "efron".
        CoxOptions.Default.Ties.Should().Be(CoxTies.Efron);
        CoxOptions.Default.Tolerance.Should().Be(1e-9);
        CoxOptions.Default.MaxIterations.Should().Be(20);
        CoxOptions.Default.ConfidenceLevel.Should().Be(0.95);
    }

    [Fact]
    public void Init_InvalidValues_Throw()
    {
        FluentActions.Invoking(() => new CoxOptions { MaxIterations = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxIterations");
        FluentActions.Invoking(() => new CoxOptions { Tolerance = double.NaN }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Tolerance");
        FluentActions.Invoking(() => new CoxOptions { ConfidenceLevel = 1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ConfidenceLevel");
    }

    [Fact]
    public void CancellationToken_Cancelled_ThrowsOperationCanceledAndNoneChangesNothing()
    {
        var table = RossiData.Table("fin", "prio");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        FluentActions.Invoking(() => CoxProportionalHazards.TryFit(table, new CoxOptions { CancellationToken = cancel.Token }, out _))
            .Should().Throw<OperationCanceledException>();
        CoxProportionalHazards.Fit(table, new CoxOptions { CancellationToken = CancellationToken.None })["fin"].Coefficient
            .Should().Be(CoxProportionalHazards.Fit(table)["fin"].Coefficient);
    }

    [Fact]
    public void ConfidenceLevel_90_NarrowsTheHazardRatioInterval()
    {
        var table = RossiData.Table("fin", "prio");

        var wide = CoxProportionalHazards.Fit(table)["fin"].HazardRatioInterval;
        var narrow = CoxProportionalHazards.Fit(table, new CoxOptions { ConfidenceLevel = 0.90 })["fin"].HazardRatioInterval;

        narrow.Level.Should().Be(0.90);
        narrow.Lower.Should().BeGreaterThan(wide.Lower);
        narrow.Upper.Should().BeLessThan(wide.Upper);
    }
}
