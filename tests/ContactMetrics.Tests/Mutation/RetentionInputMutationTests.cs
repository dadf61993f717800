using ContactMetrics.Domain;
using ContactMetrics.Retention;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>The messages of bad survival input, word for word (what a user reads), and the range ends that are accepted.</summary>
public class RetentionInputMutationTests
{
    [Fact]
    public void FromColumns_LengthsIdsAndDurations_MessagesNameRowAndValue()
    {
        var lengths = () => SurvivalTable.FromColumns([1, 2, 3], [true, false]);
        var blankId = () => SurvivalTable.FromColumns([1, 2], [true, false], ["a", " "]);
        var negative = () => SurvivalTable.FromColumns([1, -2], [true, false]);
        var infinite = () => SurvivalTable.FromColumns([double.PositiveInfinity], [true]);

        lengths.Should().Throw<ArgumentException>().WithMessage("Every column needs one value per row: events has 2, the table 3.*")
            .Which.ParamName.Should().Be("events");
        blankId.Should().Throw<ArgumentException>().WithMessage("Row 1: the id is null or blank.*").Which.ParamName.Should().Be("ids");
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Row 1: duration -2 must be a finite number of at least 0.*");
        infinite.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Row 0: duration Infinity must be a finite number of at least 0.*");
        // A duration of 0 (churned on the day acquired) is allowed.
        SurvivalTable.FromColumns([0.0], [true]).Durations.Should().Equal(0.0);
    }

    [Fact]
    public void FromIntervals_NonFiniteTimes_MessagesNameRowIdAndValue()
    {
        var start = () => SurvivalTable.FromIntervals([0, double.NaN], [1, 2], [false, true], ["a", "b"]);
        var stop = () => SurvivalTable.FromIntervals([0], [double.PositiveInfinity], [true], ["a"]);
        var notAfter = () => SurvivalTable.FromIntervals([2], [2], [true]);
        var lengths = () => SurvivalTable.FromIntervals([0, 1], [1], [true, true]);

        start.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Row 1 (id 'b'): start NaN must be a finite number.*")
            .Which.ParamName.Should().Be("starts");
        stop.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Row 0 (id 'a'): stop Infinity must be a finite number greater than start 0.*")
            .Which.ParamName.Should().Be("stops");
        notAfter.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Row 0: stop 2 must be a finite number greater than start 2.*");
        lengths.Should().Throw<ArgumentException>().WithMessage("Every column needs one value per row: stops has 1, the table 2.*");
        // A negative start is allowed (only finiteness and stop > start are required).
        SurvivalTable.FromIntervals([-1], [0.5], [true]).Starts.Should().Equal(-1.0);
    }

    [Fact]
    public void Labels_And_Covariates_MessagesNameRowAndValue()
    {
        var table = SurvivalTable.FromColumns([1, 2], [true, false], ["a", "b"]);

        var blankGroup = () => table.WithGroups(["g", ""]);
        var blankStratum = () => table.WithStrata([" ", "s"]);
        var blankName = () => table.WithCovariate(" ", [1, 2]);
        var taken = () => table.WithCovariate("x", [1, 2]).WithCovariate("x", [3, 4]);
        var infinite = () => table.WithCovariate("x", [double.NegativeInfinity, 2]);

        blankGroup.Should().Throw<ArgumentException>().WithMessage("Row 1 (id 'b'): the label is null or blank.*").Which.ParamName.Should().Be("groups");
        blankStratum.Should().Throw<ArgumentException>().WithMessage("Row 0 (id 'a'): the label is null or blank.*").Which.ParamName.Should().Be("strata");
        blankName.Should().Throw<ArgumentException>().WithMessage("A covariate needs a non-blank name.*");
        taken.Should().Throw<ArgumentException>().WithMessage("There is already a covariate named 'x'.*");
        infinite.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Row 0 (id 'a'): covariate 'x' is -Infinity; covariates must be finite (drop or impute missing values first).*");
    }

    [Fact]
    public void WithTimeVaryingIndicator_BadInput_MessagesNameRowAndFix()
    {
        var table = SurvivalTable.FromColumns([1, 2], [true, false]).WithCovariate("x", [0, 1]);

        var nan = () => table.WithTimeVaryingIndicator("on", [0.5, double.NaN]);
        var minusInfinity = () => table.WithTimeVaryingIndicator("on", [double.NegativeInfinity, 1]);
        var blank = () => table.WithTimeVaryingIndicator("", [0.5, 1]);
        var taken = () => table.WithTimeVaryingIndicator("x", [0.5, 1]);
        var lengths = () => table.WithTimeVaryingIndicator("on", [0.5]);

        nan.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Row 1: the switch time must be a number or +infinity (never).*")
            .Which.ParamName.Should().Be("switchTimes");
        minusInfinity.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Row 0: the switch time*");
        blank.Should().Throw<ArgumentException>().WithMessage("A covariate needs a non-blank name.*");
        taken.Should().Throw<ArgumentException>().WithMessage("There is already a covariate named 'x'.*");
        lengths.Should().Throw<ArgumentException>().WithMessage("Every column needs one value per row: switchTimes has 1, the table 2.*");
    }

    [Fact]
    public void WithTimeVaryingIndicator_SwitchAtTheEnds_KeepsTheRowWhole()
    {
        // Row (0, 4]: a switch at 0 (= start) is on for the whole row; at 4 (= stop) or never it is off for the whole row;
        // at 1 it splits into (0, 1] off without the event and (1, 4] on with it.
        var table = SurvivalTable.FromColumns([4, 4, 4, 4], [true, true, true, true], ["s0", "s4", "never", "s1"]);

        var split = table.WithTimeVaryingIndicator("on", [0, 4, double.PositiveInfinity, 1]);

        split.Ids.Should().Equal("s0", "s4", "never", "s1", "s1");
        split.Starts.Should().Equal(0, 0, 0, 0, 1);
        split.Durations.Should().Equal(4, 4, 4, 1, 4);
        split.Events.Should().Equal(true, true, true, false, true);
        split.Covariates[0].Should().Equal(1, 0, 0, 0, 1);
        split.IsCountingProcess.Should().BeTrue();
    }

    [Fact]
    public void FromCustomers_BlankGroupLabel_NamesTheCustomer()
    {
        var customers = new[]
        {
            new Customer(new CustomerId("c1"), new LocalDate(2025, 1, 1), null, "smb"),
            new Customer(new CustomerId("c2"), new LocalDate(2025, 1, 1), null, null),
        };

        var act = () => SurvivalTable.FromCustomers(customers, new LocalDate(2025, 6, 30), c => c.Segment!);

        act.Should().Throw<InvalidRecordException>()
            .WithMessage("customer 'c2': group (missing) is null or blank: every customer needs a group label.*")
            .Which.ParamName.Should().Be("groupOf");
    }

    [Fact]
    public void FromCustomers_ChurnOnTheAsOfDate_IsAnEventAndAcquiredOnItIsDurationZero()
    {
        // Churned on 2025-06-30 = as-of: an event after 180 days (2025-01-01 to 2025-06-30); acquired on the as-of date and
        // active: censored at 0 days; acquired one day after: refused (acquired_on after the as-of date).
        var asOf = new LocalDate(2025, 6, 30);
        var customers = new[]
        {
            new Customer(new CustomerId("c1"), new LocalDate(2025, 1, 1), asOf),
            new Customer(new CustomerId("c2"), asOf),
        };

        var table = SurvivalTable.FromCustomers(customers, asOf);
        var late = () => SurvivalTable.FromCustomers([new Customer(new CustomerId("c3"), asOf.PlusDays(1))], asOf);

        table.Durations.Should().Equal(180, 0);
        table.Events.Should().Equal(true, false);
        table.Groups.Should().BeEmpty();
        late.Should().Throw<InvalidRecordException>()
            .WithMessage("customer 'c3': acquired_on '2025-07-01' is after the as-of date 2025-06-30: the duration would be negative.*");
    }
}
