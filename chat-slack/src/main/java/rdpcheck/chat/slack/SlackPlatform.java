package rdpcheck.chat.slack;

import java.util.Set;

import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.Platform;
import rdpcheck.chat.Requester;
import rdpcheck.chat.policy.AccessDecision;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.config.AccessSettings;
import rdpcheck.config.Settings;

/** Slack as {@code serve} finds it (META-INF/services): configured by its bot token. */
public final class SlackPlatform implements ChatPlatform {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean configured(Settings settings) {
        return settings.slack().botToken().isPresent();
    }

    @Override
    public String howToConfigure() {
        return "RDPCHECK_SLACK_BOT_TOKEN and RDPCHECK_SLACK_APP_TOKEN for Slack";
    }

    @Override
    public AccessRule access(Settings settings) {
        AccessSettings.Slack rules = settings.access().slack();
        return (requester, groups) -> decide(rules, requester, groups);
    }

    @Override
    public Platform create(Settings settings, Services services) {
        // access.slack.user_groups: a slash command does not carry the user's groups; fetched in the background
        SlackUserGroups groups = new SlackUserGroups(settings.slack().apiUrl(), settings.slack().botToken().orElseThrow(),
                settings.access().slack().userGroups()).start();
        return new SlackBot(SlackSettings.from(settings.slack()), services.router(groups), services.meters())
                .connectWith(services.backoff(), services.onRefused());
    }

    /** Team, channel, and (user or user group): every list that is not empty must be satisfied. */
    static AccessDecision decide(AccessSettings.Slack rules, Requester requester, Set<String> groups) {
        if (!AccessRule.permits(rules.teams(), requester.workspace())) {
            return AccessDecision.refused("access.team", "rdpcheck is not enabled for this Slack workspace.");
        }
        if (!AccessRule.permits(rules.channels(), requester.channel())) {
            return AccessDecision.refused("access.channel",
                    "rdpcheck does not run checks in this channel; ask in a channel where it is enabled.");
        }
        boolean anyWho = !rules.users().isEmpty() || !rules.userGroups().isEmpty();
        boolean user = rules.users().contains(requester.user());
        boolean group = groups.stream().anyMatch(rules.userGroups()::contains);
        if (anyWho && !user && !group) {
            return AccessDecision.refused("access.user",
                    "You are not on the list of people who may run rdpcheck; ask an admin to add you or your user group.");
        }
        return AccessDecision.ALLOWED;
    }
}
