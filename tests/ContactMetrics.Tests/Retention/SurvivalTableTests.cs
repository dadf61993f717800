using ContactMetrics.Domain;
using ContactMetrics.Retention;
using NodaTime;

namespace ContactMetrics.Tests.Retention;

public sealed class SurvivalTableTests
{
    private static readonly LocalDate AsOf = new(2025, 6, 30);

    [Fact]
    public void FromCustomers_ChurnedAndActive_DaysFromAcquisitionCensoredAtAsOf()
    {
        Customer[] customers =
        [
            new(new CustomerId("a"), new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31), "consumer"),
            new(new CustomerId("b"), new LocalDate(2025, 6, 1), null, "smb"),
            new(new CustomerId("c"), new LocalDate(2025, 6, 1), new LocalDate(2025, 7, 15), "smb"), // churns after the as-of date
            new(new CustomerId("d"), new LocalDate(2025, 6, 30), new LocalDate(2025, 6, 30), "smb"), // churned on the day acquired
        ];

        var table = SurvivalTable.FromCustomers(customers, AsOf, c => c.Segment!);

        table.Count.Should().Be(4);
        table.Durations.Should().Equal(30, 29, 29, 0);
        table.Events.Should().Equal(true, false, false, true);
        table.Ids.Should().Equal("a", "b", "c", "d");
        table.Groups.Should().Equal("consumer", "smb", "smb", "smb");
        table.IsCountingProcess.Should().BeFalse();
    }

    [Fact]
    public void FromCustomers_AcquiredAfterAsOf_NamesTheCustomer()
    {
        var late = new Customer(new CustomerId("late-7"), new LocalDate(2025, 7, 1));

        var error = FluentActions.Invoking(() => SurvivalTable.FromCustomers([late], AsOf)).Should().Throw<InvalidRecordException>().Which;

        error.RecordId.Should().Be("late-7");
        error.Field.Should().Be("acquired_on");
        error.Value.Should().Be("2025-07-01");
        error.ParamName.Should().Be("customers");
    }

    [Fact]
    public void FromCustomers_ChurnBeforeAcquisition_IsRejectedByTheDomain()
    {
        FluentActions.Invoking(() => new Customer(new CustomerId("x"), new LocalDate(2025, 2, 1), new LocalDate(2025, 1, 1)))
            .Should().Throw<InvalidRecordException>().Which.Field.Should().Be("churned_on");
    }

    [Fact]
    public void FromColumns_NegativeDuration_NamesArgumentValueAndId()
    {
        var error = FluentActions.Invoking(() => SurvivalTable.FromColumns([1, -2], [true, false], ["a", "b"]))
            .Should().Throw<ArgumentOutOfRangeException>().Which;

        error.ParamName.Should().Be("durations");
        error.ActualValue.Should().Be(-2.0);
        error.Message.Should().Contain("Row 1 (id 'b')").And.Contain("-2");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FromColumns_NonFiniteDuration_Throws(double duration)
    {
        FluentActions.Invoking(() => SurvivalTable.FromColumns([duration], [true])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("durations");
    }

    [Fact]
    public void FromColumns_MismatchedLengths_Throws()
    {
        FluentActions.Invoking(() => SurvivalTable.FromColumns([1, 2], [true])).Should().Throw<ArgumentException>().WithParameterName("events");
        FluentActions.Invoking(() => SurvivalTable.FromColumns([1, 2], [true, false], ["a"])).Should().Throw<ArgumentException>().WithParameterName("ids");
        var table = SurvivalTable.FromColumns([1, 2], [true, false]);
        FluentActions.Invoking(() => table.WithCovariate("x", [1.0])).Should().Throw<ArgumentException>().WithParameterName("values");
        FluentActions.Invoking(() => table.WithGroups(["g"])).Should().Throw<ArgumentException>().WithParameterName("groups");
        FluentActions.Invoking(() => table.WithStrata(["s", "s", "s"])).Should().Throw<ArgumentException>().WithParameterName("strata");
    }

    [Fact]
    public void WithCovariate_NaN_NamesCovariateRowAndId()
    {
        var table = SurvivalTable.FromColumns([1, 2], [true, false], ["a", "b"]);

        var error = FluentActions.Invoking(() => table.WithCovariate("csat", [4.0, double.NaN])).Should().Throw<ArgumentOutOfRangeException>().Which;

        error.ParamName.Should().Be("values");
        error.Message.Should().Contain("csat").And.Contain("id 'b'").And.Contain("NaN");
    }

    [Fact]
    public void WithCovariate_DuplicateName_Throws()
    {
        var table = SurvivalTable.FromColumns([1, 2], [true, false]).WithCovariate("x", [1.0, 2.0]);

        FluentActions.Invoking(() => table.WithCovariate("x", [1.0, 2.0])).Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Fact]
    public void FromIntervals_StopNotAfterStart_Throws()
    {
        FluentActions.Invoking(() => SurvivalTable.FromIntervals([0, 5], [3, 5], [false, true], ["a", "a"]))
            .Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("Row 1 (id 'a')");
    }

    [Fact]
    public void With_ReturnsNewTableAndLeavesTheOriginal()
    {
        var table = SurvivalTable.FromColumns([1, 2], [true, false]);

        var grouped = table.WithGroups(["a", "b"]).WithStrata(["s", "s"]).WithCovariate("x", [0.5, 1.5]);

        table.Groups.Should().BeEmpty();
        table.CovariateNames.Should().BeEmpty();
        grouped.Groups.Should().Equal("a", "b");
        grouped.Strata.Should().Equal("s", "s");
        grouped.CovariateNames.Should().Equal("x");
        grouped.Covariates[0].Should().Equal(0.5, 1.5);
    }

    [Fact]
    public void WithTimeVaryingIndicator_SplitsAtTheSwitchAndRepeatsLabels()
    {
        // Row a: switch at 2 inside (0, 5]: (0, 2] x=0 no event, (2, 5] x=1 with the event.
        // Row b: never switches: (0, 3] x=0. Row c: switch at 0: exposed throughout (0, 4].
        var table = SurvivalTable.FromColumns([5, 3, 4], [true, false, true], ["a", "b", "c"])
            .WithStrata(["s1", "s2", "s1"])
            .WithCovariate("age", [30.0, 40, 50]);

        var split = table.WithTimeVaryingIndicator("exposed", [2, double.PositiveInfinity, 0]);

        split.IsCountingProcess.Should().BeTrue();
        split.Starts.Should().Equal(0, 2, 0, 0);
        split.Durations.Should().Equal(2, 5, 3, 4);
        split.Events.Should().Equal(false, true, false, true);
        split.Ids.Should().Equal("a", "a", "b", "c");
        split.Strata.Should().Equal("s1", "s1", "s2", "s1");
        split.CovariateNames.Should().Equal("age", "exposed");
        split.Covariates[0].Should().Equal(30, 30, 40, 50);
        split.Covariates[1].Should().Equal(0, 1, 0, 1);
    }

    [Fact]
    public void WithTimeVaryingIndicator_ZeroDuration_Throws()
    {
        var table = SurvivalTable.FromColumns([0, 3], [true, false], ["z", "y"]);

        FluentActions.Invoking(() => table.WithTimeVaryingIndicator("x", [1, 1]))
            .Should().Throw<ArgumentException>().Which.Message.Should().Contain("id 'z'");
    }
}
