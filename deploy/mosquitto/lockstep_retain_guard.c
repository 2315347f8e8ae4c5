/*
 * Lockstep's retained-command guard for Mosquitto 2.0 (plugin API v5).
 *
 * Mosquitto's acl_file cannot say "may write, but not retained" (upstream: eclipse/mosquitto#87, "plugins have the
 * ability to keep track of the retain status of publishes ... no plans to extend the acl_file"). A retained command
 * would be replayed to every controller that reconnects, so this plugin refuses every retained PUBLISH whose topic
 * matches one of its filters, for every account. Everything else it defers, and the acl_file decides as usual
 * (Mosquitto 2.0 registers plugins before the acl_file, so this runs first).
 *
 *   plugin /etc/mosquitto/lockstep/lockstep_retain_guard.so
 *   plugin_opt_deny_retained lockstep/lincoln-ms/cmd/#
 *
 * Build on the broker host (Debian: apt-get install gcc mosquitto-dev):
 *   cc -shared -fPIC -O2 -Wall -o lockstep_retain_guard.so lockstep_retain_guard.c
 * `lockstep provision` does this for you. Under MQTT 3.1.1 a denied QoS 1 publish is acknowledged and dropped; under
 * MQTT 5 the publisher gets "not authorized".
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mosquitto_broker.h"
#include "mosquitto_plugin.h"
#include "mosquitto.h"

#define MAX_FILTERS 16

static mosquitto_plugin_id_t *plugin_id = NULL;
static char *filters[MAX_FILTERS];
static int filter_count = 0;

static int acl_check(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_acl_check *ed = event_data;
	(void)event;
	(void)userdata;

	if(ed->access != MOSQ_ACL_WRITE || !ed->retain){
		return MOSQ_ERR_PLUGIN_DEFER;
	}
	for(int i = 0; i < filter_count; i++){
		bool match = false;
		if(mosquitto_topic_matches_sub(filters[i], ed->topic, &match) == MOSQ_ERR_SUCCESS && match){
			mosquitto_log_printf(MOSQ_LOG_NOTICE, "lockstep: denied retained PUBLISH to '%s' from %s",
					ed->topic, mosquitto_client_id(ed->client));
			return MOSQ_ERR_ACL_DENIED;
		}
	}
	return MOSQ_ERR_PLUGIN_DEFER;
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions)
{
	for(int i = 0; i < supported_version_count; i++){
		if(supported_versions[i] == 5){
			return 5;
		}
	}
	return -1;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **userdata, struct mosquitto_opt *opts, int opt_count)
{
	(void)userdata;
	plugin_id = identifier;
	for(int i = 0; i < opt_count; i++){
		if(strcmp(opts[i].key, "deny_retained") != 0){
			mosquitto_log_printf(MOSQ_LOG_ERR, "lockstep_retain_guard: unknown option plugin_opt_%s", opts[i].key);
			return MOSQ_ERR_INVAL;
		}
		if(filter_count == MAX_FILTERS || mosquitto_sub_topic_check(opts[i].value) != MOSQ_ERR_SUCCESS){
			mosquitto_log_printf(MOSQ_LOG_ERR, "lockstep_retain_guard: bad or too many filters at '%s'",
					opts[i].value);
			return MOSQ_ERR_INVAL;
		}
		filters[filter_count] = strdup(opts[i].value);
		if(!filters[filter_count]){
			return MOSQ_ERR_NOMEM;
		}
		filter_count++;
	}
	if(filter_count == 0){
		/* A guard with nothing to guard is a configuration mistake: refuse to start rather than protect nothing. */
		mosquitto_log_printf(MOSQ_LOG_ERR, "lockstep_retain_guard: needs plugin_opt_deny_retained <filter>");
		return MOSQ_ERR_INVAL;
	}
	return mosquitto_callback_register(plugin_id, MOSQ_EVT_ACL_CHECK, acl_check, NULL, NULL);
}

int mosquitto_plugin_cleanup(void *userdata, struct mosquitto_opt *opts, int opt_count)
{
	(void)userdata;
	(void)opts;
	(void)opt_count;
	for(int i = 0; i < filter_count; i++){
		free(filters[i]);
	}
	filter_count = 0;
	return mosquitto_callback_unregister(plugin_id, MOSQ_EVT_ACL_CHECK, acl_check, NULL);
}
