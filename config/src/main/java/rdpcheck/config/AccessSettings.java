package rdpcheck.config;

import java.util.List;

/** Who may run checks from chat; an empty list does not restrict. */
public record AccessSettings(Slack slack, Discord discord) {

    public record Slack(List<String> teams, List<String> channels, List<String> users, List<String> userGroups) {
        public Slack {
            teams = List.copyOf(teams);
            channels = List.copyOf(channels);
            users = List.copyOf(users);
            userGroups = List.copyOf(userGroups);
        }
    }

    public record Discord(List<String> guilds, List<String> channels, List<String> roles) {
        public Discord {
            guilds = List.copyOf(guilds);
            channels = List.copyOf(channels);
            roles = List.copyOf(roles);
        }
    }
}
