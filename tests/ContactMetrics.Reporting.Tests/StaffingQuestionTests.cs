using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// <see cref="StaffingFigures.Answer"/>: a staffing question checked and answered as <c>contactmetrics staffing</c> answers
/// it, against REFERENCES.md's Erlang C reference case (100 contacts in 30 minutes at 180 s: A = 10 Erlangs).
/// </summary>
public class StaffingQuestionTests
{
    private static readonly StaffingQuestion Reference = new(100, Duration.FromMinutes(30), Duration.FromSeconds(180));

    private static object? Fact(FigureSheet sheet, string name) =>
        sheet.Sections.Single(s => s.Key == "staffing").Facts.Single(f => f.JsonName == name).Value;

    [Fact]
    public void Answer_ReferenceCase_14AgentsAnd20Scheduled()
    {
        // REFERENCES.md, Erlang C: 14 agents meet 80/20 (13 give 79.56 %); 30 % shrinkage -> ceil(14 / 0.7) = 20 scheduled.
        var sheet = StaffingFigures.Answer(Reference with { ServiceLevel = 0.8, ServiceLevelThreshold = Duration.FromSeconds(20), Shrinkage = 0.3 });

        Fact(sheet, "model").Should().Be("erlang-c");
        Fact(sheet, "agents").Should().Be(14);
        Fact(sheet, "scheduledAgents").Should().Be(20);
    }

    [Fact]
    public void Answer_MaxOccupancy70_15AgentsLimitedByOccupancy()
    {
        // REFERENCES.md: with occupancy at most 0.70, 10 / 15 = 0.667 is the first below: 15 agents, 22 scheduled at 30 % shrinkage.
        var sheet = StaffingFigures.Answer(Reference with { ServiceLevel = 0.8, ServiceLevelThreshold = Duration.FromSeconds(20), Shrinkage = 0.3, MaxOccupancy = 0.7 });

        Fact(sheet, "agents").Should().Be(15);
        Fact(sheet, "scheduledAgents").Should().Be(22);
        Fact(sheet, "limitingConstraint").Should().Be("occupancy cap");
    }

    [Fact]
    public void Answer_AgentsWithoutTarget_EvaluatedAgainstEightyTwenty()
    {
        // 13 agents give 79.56 % within 20 s (REFERENCES.md): evaluated, with no target to meet.
        var sheet = StaffingFigures.Answer(Reference with { Agents = 13 });

        Fact(sheet, "agents").Should().Be(13);
        Fact(sheet, "meetsTarget").Should().BeNull("there is no target");
        Fact(sheet, "target").Should().Be("none (evaluating --agents; SL within 20 s)");
    }

    [Fact]
    public void Answer_PatienceFarTooLong_NamesThePatience()
    {
        // One agent for A = 4,900 with a mean patience of 30 years: the Erlang A queue would need about
        // (lambda - mu) / theta ~ 2.6e10 states, beyond ErlangA.MaxQueueStates (as ErlangATests).
        var question = new StaffingQuestion(49_000, Duration.FromMinutes(30), Duration.FromSeconds(180)) { Agents = 1, AveragePatience = Duration.FromDays(365 * 30) };

        FluentActions.Invoking(() => StaffingFigures.Answer(question)).Should().Throw<ArgumentException>()
            .WithMessage("AveragePatience 9.4608E+08s: the Erlang A queue would need more than 10000000 states for this load; a patience this long behaves as Erlang C, so leave out AveragePatience.*");
        FluentActions.Invoking(() => StaffingFigures.AnswerForCommandLine(question)).Should().Throw<OptionValueException>()
            .WithMessage("--patience 9.4608E+08s: the Erlang A queue would need more than 10000000 states for this load; a patience this long behaves as Erlang C, so leave out --patience.");
    }

    private static readonly StaffingQuestion EightyTwenty = Reference with { ServiceLevel = 0.8, ServiceLevelThreshold = Duration.FromSeconds(20) };

    /// <summary>Each bad question, the message a library caller gets (naming the field) and the one of the command line (naming the option).</summary>
    private static readonly Dictionary<string, (StaffingQuestion Question, string Field, string Option)> BadQuestions = new()
    {
        ["negative contacts"] = (Reference with { Contacts = -1, Agents = 3 }, "Contacts must be a number of at least 0; was -1.", "--contacts must be a number of at least 0; was -1."),
        ["NaN contacts"] = (Reference with { Contacts = double.NaN, Agents = 3 }, "Contacts must be a number of at least 0; was NaN.", "--contacts must be a number of at least 0; was NaN."),
        // A zero interval or handle time gave "NaN Erlangs" (0 / 0) or a negative traffic to a library caller.
        ["zero interval"] = (EightyTwenty with { Interval = Duration.Zero }, "Interval must be positive; was 0s.", "--interval must be positive; was 0s."),
        ["negative handle time"] = (EightyTwenty with { AverageHandleTime = Duration.FromSeconds(-180) }, "AverageHandleTime must be positive; was -180s.", "--aht must be positive; was -180s."),
        // 1e300 x 180 s / 1800 s = 1e299 Erlangs, past QueueLoad.MaxTrafficErlangs = 1e8.
        ["traffic"] = (Reference with { Contacts = 1e300, Agents = 3 },
            "Contacts x AverageHandleTime / Interval is 1E+299 Erlangs, beyond the Erlang models' limit of 1E+08; split the load into smaller intervals or queues.",
            "--contacts x --aht / --interval is 1E+299 Erlangs, beyond the Erlang models' limit of 1E+08; split the load into smaller intervals or queues."),
        ["shrinkage"] = (Reference with { Shrinkage = 1, Agents = 3 }, "Shrinkage must be in [0, 1); was 1.", "--shrinkage must be in [0, 1); was 1."),
        ["occupancy"] = (Reference with { MaxOccupancy = 0 }, "MaxOccupancy must be in (0, 1]; was 0.", "--max-occupancy must be in (0, 1]; was 0."),
        ["abandonment"] = (Reference with { MaxAbandonment = 1.5, AveragePatience = Duration.FromMinutes(3) }, "MaxAbandonment must be in [0, 1]; was 1.5.", "--max-abandon must be in [0, 1]; was 1.5."),
        ["service level"] = (EightyTwenty with { ServiceLevel = 80 }, "ServiceLevel must be between 0 and 1 (0.8 for 80%); was 80.", "--target must be between 0 and 1 (0.8 for 80%); was 80."),
        ["zero threshold"] = (EightyTwenty with { ServiceLevelThreshold = Duration.Zero }, "ServiceLevelThreshold must be positive; was 0s.", "--target must be positive; was 0s."),
        ["service level without threshold"] = (EightyTwenty with { ServiceLevelThreshold = null },
            "ServiceLevel and ServiceLevelThreshold go together (80% within 20 s); give both or neither.", "ServiceLevel and ServiceLevelThreshold go together (80% within 20 s); give both or neither."),
        ["negative ASA"] = (Reference with { MaxAverageSpeedOfAnswer = Duration.FromSeconds(-1) }, "MaxAverageSpeedOfAnswer must be at least 0; was -1s.", "--max-asa must be at least 0; was -1s."),
        ["zero patience"] = (EightyTwenty with { AveragePatience = Duration.Zero }, "AveragePatience must be positive; was 0s.", "--patience must be positive; was 0s."),
        ["abandonment without patience"] = (Reference with { MaxAbandonment = 0.05 },
            "MaxAbandonment needs AveragePatience: without abandonment (Erlang C) nobody abandons.", "--max-abandon needs --patience: without abandonment (Erlang C) nobody abandons."),
        ["no target"] = (Reference, "Give a target (ServiceLevel with ServiceLevelThreshold, MaxAverageSpeedOfAnswer, MaxAbandonment or MaxOccupancy) or Agents.",
            "Give a target (--target 80/20, --max-asa, --max-abandon or --max-occupancy) or --agents N."),
        ["negative agents"] = (Reference with { Agents = -1 }, "Agents must be between 0 and 200000000; was -1.", "--agents must be between 0 and 200000000; was -1."),
        ["too many agents"] = (Reference with { Agents = int.MaxValue }, "Agents must be between 0 and 200000000; was 2147483647.", "--agents must be between 0 and 200000000; was 2147483647."),
    };

    public static TheoryData<string> BadQuestionNames => new(BadQuestions.Keys);

    [Theory]
    [MemberData(nameof(BadQuestionNames))]
    public void Answer_BadQuestion_ArgumentExceptionNamingTheFieldAndTheValue(string name) =>
        FluentActions.Invoking(() => StaffingFigures.Answer(BadQuestions[name].Question)).Should().Throw<ArgumentException>()
            .WithMessage(BadQuestions[name].Field + " (Parameter 'question')").Which.ParamName.Should().Be("question");

    [Theory]
    [MemberData(nameof(BadQuestionNames))]
    public void AnswerForCommandLine_BadQuestion_NamesTheOptionAndTheValue(string name) =>
        FluentActions.Invoking(() => StaffingFigures.AnswerForCommandLine(BadQuestions[name].Question)).Should().Throw<OptionValueException>().WithMessage(BadQuestions[name].Option);

    [Fact]
    public void Answer_TheSameQuestion_TheSameAnswerForBothCallers()
    {
        // The reference case through both entries: the rules are one, so are the answers (14 agents, REFERENCES.md).
        var question = EightyTwenty with { Shrinkage = 0.3 };

        Fact(StaffingFigures.AnswerForCommandLine(question), "agents").Should().Be(14).And.Be(Fact(StaffingFigures.Answer(question), "agents"));
    }
}
