using Rims.Envs.Atari;

namespace Rims.Envs.Tests;

/// <summary>Env ids and env options are checked at the registry, before any env (or ROM) is touched.</summary>
public class EnvRegistryTests
{
    private static EnvSettings With(string key, string value) => new() { Options = new Dictionary<string, string> { [key] = value } };

    [Theory]
    [InlineData("Demon_Attack", "DemonAttack")]
    [InlineData("demon_attack", "DemonAttack")]
    [InlineData("Demon-Attack", "DemonAttack")]
    [InlineData("DemonAttak", "DemonAttack")]
    [InlineData("GridPikup", "GridPickup")]
    [InlineData("gridpickup_novel", "GridPickup-Novel")]
    [InlineData("ALE/Demon_Attack-v5", "ALE/DemonAttack-v5")]
    public void ANearMissSuggestsTheIdInsteadOfListingAll(string typed, string meant)
    {
        var error = Assert.Throws<UnknownEnvException>(() => EnvRegistry.Default.Get(typed));
        Assert.Equal(meant, error.Suggestions[0]);
        Assert.Equal($"unknown env id '{typed}'; did you mean {string.Join(" or ", error.Suggestions)}?", error.Message);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Theory]
    [InlineData("gridpickup", "GridPickup")]
    [InlineData("GRIDPICKUP-NOVEL", "GridPickup-Novel")]
    [InlineData("babyai-pickupdist-v0", "BabyAI-PickupDist-v0")]
    [InlineData("ale/demonattack-v5", "ALE/DemonAttack-v5")]
    [InlineData("NoSuchEnv", "NoSuchEnv")]
    public void CanonicalGivesTheRegisteredSpellingSoOneEnvHasOneName(string typed, string canonical) =>
        Assert.Equal(canonical, EnvRegistry.Default.Canonical(typed));

    [Fact]
    public void AnIdNearNothingListsTheMainIdsButNotEveryVariant()
    {
        var error = Assert.Throws<UnknownEnvException>(() => EnvRegistry.Default.Get("Zork"));
        Assert.Empty(error.Suggestions);
        Assert.Contains("Known ids: GridPickup,", error.Message);
        Assert.Contains("DemonAttack", error.Message);
        Assert.DoesNotContain("NoFrameskip-v4", error.Message);
        Assert.Contains("88 variants", error.Message);
    }

    [Fact]
    public void NearestNamesFoldsCaseAndSeparatorsThenUsesEditDistance()
    {
        Assert.Equal(3, NearestNames.Levenshtein("kitten", "sitting"));
        Assert.Equal("aledemonattackv5", NearestNames.Fold("ALE/Demon_Attack-v5"));
        Assert.Equal(["sticky-actions"], NearestNames.For("sticky_action", AtariEnvOptions.OptionKeys));
        Assert.Empty(NearestNames.For("zzzz", AtariEnvOptions.OptionKeys));
    }

    [Fact]
    public void AMisspeltOptionKeyIsRefusedWithTheValidKeys()
    {
        var error = Assert.Throws<ArgumentException>(() => EnvRegistry.Default.Check("DemonAttack", With("sticky-action", "0.5")));
        Assert.Contains("'sticky-action'", error.Message);
        Assert.Contains("did you mean sticky-actions?", error.Message);
        Assert.Contains("valid keys: " + string.Join(", ", AtariEnvOptions.OptionKeys), error.Message);
        // Make checks too, before the factory (so before any ROM lookup).
        Assert.Throws<ArgumentException>(() => EnvRegistry.Default.Make("DemonAttack", With("sticky-action", "0.5")));
    }

    [Fact]
    public void AnOptionOfAnotherFamilyIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => EnvRegistry.Default.Check("GridPickup", With("sticky-actions", "0.25")));
        Assert.Contains("'sticky-actions' does not apply to GridPickup", error.Message);
        Assert.Throws<ArgumentException>(() => EnvRegistry.Default.Make("GridPickup", With("frame-stack", "4")));
    }

    [Theory]
    [InlineData("frame-stack", "0")]
    [InlineData("Frame_Stack", "0")]
    [InlineData("noop-max", "-1")]
    [InlineData("screen-size", "0")]
    [InlineData("screen-size", "161")]
    [InlineData("max-episode-frames", "-5")]
    [InlineData("sticky-actions", "NaN")]
    [InlineData("mode", "99")]
    [InlineData("difficulty", "7")]
    public void OutOfRangeValuesAreRefusedWithoutTheRom(string key, string value)
    {
        var settings = With(key, value) with { RomsDirectory = "/nonexistent/roms" };
        var error = Assert.Throws<ArgumentException>(() => EnvRegistry.Default.Check("DemonAttack", settings));
        Assert.Contains(EnvSettings.NormaliseKey(key), error.Message);
    }

    [Fact]
    public void ValidOptionsPassTheCheck()
    {
        var registration = EnvRegistry.Default.Check("ALE/DemonAttack-v5", With("Frame_Stack", "8") with { RomsDirectory = "/nonexistent/roms" });
        Assert.Equal("ALE/DemonAttack-v5", registration.Id);
        Assert.True(registration.IsVariant);
        EnvRegistry.Default.Check("DemonAttack", With("mode", "3"));
        EnvRegistry.Default.Check("GridPickup");
    }
}
