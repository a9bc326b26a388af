#!/bin/sh
# What each role does to the timeline, through the shipped rules and
# inputs in the formats their sources write (the rules' own samples, set
# on 22 December 2014): a Nagios/Icinga DOWN/UP pair is an incident of
# that host's target; traceroutes that reached their destination are not
# an outage, whatever hop stayed silent; ping losses are; an OONI
# blocking result, an IODA alert, a Cloudflare Radar annotation and a
# BGPalerter visibility alert are third-party signals of the target
# their country, AS or prefix names, confirming an incident of ours but
# never making one; a router's session log is a signal of the peer's AS.
. "$top_srcdir/tests/lib.sh"
cd "$TMP"
R="$top_srcdir/rules"

cat > case.yaml <<'YAML'
title: roles
targets:
  - {name: kp-net, members: [AS131279, 175.45.176.0/22], aliases: [KP, North Korea, kp-gw]}
  - {name: cnn, members: [151.101.0.0/16]}
YAML
tl() {	# tl OUT INPUT...: the timeline as JSON, one record a line
	out=$1
	shift
	"$BLACKOUT" timeline -q --no-default-rules -R "$R" --case case.yaml \
	    --format json "$@" > "$out" || [ $? -eq 1 ] ||
	    fail "timeline failed on $*"
}
has() { grep -q -- "$2" "$1" || fail "$3 (no $2 in $1)"; }
hasnt() { ! grep -q -- "$2" "$1" || fail "$3 ($2 in $1)"; }

mkdir -p probes/icinga-fra probes/vp-lon probes/vp-nyc probes/vp-ams \
    ooni ioda radar bgpalerter/logs routers/pe1

# host_state: Icinga 2's compat log, a HARD DOWN at 16:18:30 and UP two
# hours later; the SOFT service alert is context
cat > probes/icinga-fra/icinga.log <<'EOF'
[1419206400] LOG ROTATION: DAILY
[1419206400] CURRENT HOST STATE: kp-gw;UP;HARD;1;PING OK - Packet loss = 0%, RTA = 211.42 ms
[1419264930] SERVICE ALERT: kp-gw;http;CRITICAL;SOFT;1;CRITICAL - Socket timeout after 10 seconds
[1419265110] HOST ALERT: kp-gw;DOWN;HARD;1;CRITICAL - Host Unreachable (175.45.176.1)
[1419272310] HOST ALERT: kp-gw;UP;HARD;1;PING OK - Packet loss = 0%, RTA = 209.87 ms
EOF
tl nagios.json probes/icinga-fra/icinga.log
[ "$(grep -c '"kind":"outage"' nagios.json)" -eq 1 ] || fail "nagios: not one incident"
has nagios.json '"targets":\["kp-net"\],"kind":"outage","onset":"2014-12-22T16:18:30Z"' "DOWN starts it"
has nagios.json '"end":"2014-12-22T18:18:30Z"' "UP ends it"
has nagios.json '"summary":"kp-gw: no reply from any of 1 vantage points for 2 h 0 min"' "the host's signal"

# reachability: two traceroutes reach 151.101.197.67, one and two hops
# silent on the way: no outage, and the destination answered both
cat > probes/vp-lon/traceroute.out <<'EOF'
traceroute to www.cnn.com (151.101.197.67), 30 hops max, 60 byte packets
 1  [AS198949] dsldevice (192.168.1.254)  6.070 ms  5.721 ms  5.269 ms
 2  * * *
 3  192.168.2.1  0.967 ms  1.022 ms  1.204 ms
 4  151.101.197.67 (151.101.197.67)  12.447 ms  12.390 ms  12.201 ms
EOF
cat > probes/vp-nyc/traceroute.out <<'EOF'
traceroute to www.cnn.com (151.101.197.67), 30 hops max, 60 byte packets
 1  gw.example.net (10.1.0.1)  0.411 ms  0.380 ms  0.371 ms
 2  * * *
 3  * * *
 4  151.101.197.67  9.812 ms  9.703 ms  9.650 ms
EOF
touch -d 2014-12-22T12:00:00Z probes/vp-lon/traceroute.out probes/vp-nyc/traceroute.out
tl trace.json probes/vp-lon/traceroute.out probes/vp-nyc/traceroute.out
has trace.json '"incidents":\[\]' "a traceroute that reached its destination is an outage"
has trace.json '"name":"151.101.197.67 vantage points answering","target":"cnn","unit":"probes","source_type":"probe","points":\[\["2014-12-22T00:00:00Z",2,2\]\]' \
    "both traceroutes reached the destination"

# reachability: iputils ping -O -D; no answer from 16:15 to 16:30
{
	echo "PING 175.45.176.71 (175.45.176.71) 56(84) bytes of data."
	t=1419264000
	while [ $t -lt 1419266400 ]; do
		if [ $t -ge 1419264900 ] && [ $t -lt 1419265800 ]; then
			echo "[$t.000100] no answer yet for icmp_seq=$t"
		else
			echo "[$t.000100] 64 bytes from 175.45.176.71: icmp_seq=$t ttl=52 time=210 ms"
		fi
		t=$((t + 60))
	done
} > probes/vp-ams/ping.log
tl ping.json probes/vp-ams/ping.log
[ "$(grep -c '"kind":"outage"' ping.json)" -eq 1 ] || fail "ping: not one incident"
has ping.json '"onset":"2014-12-22T16:15:00.000100Z"' "first lost ping"
has ping.json '"end":"2014-12-22T16:30:00Z"' "first answer again"

# outage_signal: what third parties say, matched by country code (an
# alias), AS or prefix; a statement about KR is about no target
cat > ooni/KP.jsonl <<'EOF'
{"annotations":{"engine_name":"ooniprobe-engine","platform":"android"},"data_format_version":"0.2.0","input":"https://www.bbc.com/","measurement_start_time":"2014-12-22 16:41:05","probe_asn":"AS131279","probe_cc":"KP","probe_ip":"127.0.0.1","probe_network_name":"Ryugyong-dong","report_id":"20141222T164019Z_webconnectivity_KP_131279_n1_d5HgQ2JtEjgvCxxS","software_name":"ooniprobe-android","software_version":"3.0.0","test_keys":{"dns_experiment_failure":null,"dns_consistency":"consistent","http_experiment_failure":"generic_timeout_error","control_failure":null,"accessible":false,"blocking":"tcp_ip"},"test_name":"web_connectivity","test_runtime":10.3,"test_start_time":"2014-12-22 16:40:19","test_version":"0.4.0"}
{"annotations":{"engine_name":"ooniprobe-engine","platform":"android"},"data_format_version":"0.2.0","input":"https://www.wikipedia.org/","measurement_start_time":"2014-12-22 16:41:20","probe_asn":"AS4766","probe_cc":"KR","probe_ip":"127.0.0.1","probe_network_name":"Korea Telecom","report_id":"20141222T164019Z_webconnectivity_KR_4766_n1_XyZ","software_name":"ooniprobe-android","software_version":"3.0.0","test_keys":{"accessible":false,"blocking":"dns"},"test_name":"web_connectivity","test_runtime":2.1,"test_start_time":"2014-12-22 16:40:19","test_version":"0.4.0"}
EOF
cat > ioda/alerts.json <<'EOF'
{"type":"alerts","metadata":{"requestTime":"2024-01-05T10:00:00+00:00"},"error":null,"perf":null,"data":[{"entityType":"country","entityCode":"KP","entityName":"North Korea","datasource":"bgp","time":1419265200,"level":"critical","condition":"< 0.99 * history","value":2,"historyValue":4,"method":"median"},{"entityType":"country","entityCode":"KP","entityName":"North Korea","datasource":"bgp","time":1419271800,"level":"normal","condition":"> 0.99 * history","value":4,"historyValue":4,"method":"median"}],"copyright":"This data is Copyright (c) 2024 Georgia Tech Research Corporation."}
EOF
cat > radar/outages.json <<'EOF'
{"success":true,"errors":[],"messages":[],"result":{"annotations":[{"id":"412","asns":[131279],"asnsDetails":[{"asn":"131279","name":"Ryugyong-dong","locations":{"code":"KP","name":"North Korea"}}],"dataSource":"ALL","description":"Loss of connectivity on Ryugyong-dong","endDate":"2014-12-22T18:00:00Z","eventType":"OUTAGE","linkedUrl":null,"locations":["KP"],"locationsDetails":[{"code":"KP","name":"North Korea"}],"outage":{"outageCause":"UNKNOWN","outageType":"NETWORK"},"scope":null,"startDate":"2014-12-22T16:30:00Z"}]}}
EOF
cat > bgpalerter/logs/reports-2014-12-22.log <<'EOF'
2014-12-22T16:19:02+00:00 verbose: The prefix 175.45.176.0/24 (North Korea - Star JV) has been withdrawn. It is no longer visible from 40 peers.
2014-12-22T16:19:40+00:00 verbose: The prefix 175.45.176.0/22 (North Korea - Star JV) is announced by AS4837 instead of AS131279, and AS4837 is not authorized to announce it.
EOF
# IODA's events in its older format: a location and a duration
cat > ioda/events.json <<'EOF'
{"type":"outages.events","error":null,"data":[{"location":"country/KP","location_name":"North Korea","start":1419264900,"duration":34200,"uncertainty":null,"status":0,"score":3521.4,"format":"ioda","overlaps_with":[]}]}
EOF
tl ioda.json ioda/events.json
has ioda.json '"vantage":"ioda","summary":"ioda: KP down from 2014-12-22T16:15:00Z to 2014-12-23T01:45:00Z (9 h 30 min)"' "IODA event with a duration"
set -- ooni/KP.jsonl ioda/alerts.json radar/outages.json \
    bgpalerter/logs/reports-2014-12-22.log
tl mon.json "$@"
# alone, they make no incident: each is listed with its source
has mon.json '"incidents":\[\]' "third-party statements alone made an incident"
[ "$(grep -c '"kind":"monitor.outage"' mon.json)" -eq 4 ] || fail "not 4 statements"
has mon.json '"vantage":"ooni","summary":"ooni (web_connectivity https://www.bbc.com/): KP down at 2014-12-22T16:41:05Z"' "OONI blocking"
has mon.json '"vantage":"ioda","summary":"ioda (bgp): KP down from 2014-12-22T16:20:00Z to 2014-12-22T18:10:00Z (1 h 50 min)"' "IODA critical to normal"
has mon.json '"vantage":"cloudflare-radar","summary":"cloudflare-radar: KP down from 2014-12-22T16:30:00Z to 2014-12-22T18:00:00Z (1 h 30 min)"' "Radar annotation"
has mon.json '"vantage":"bgpalerter","summary":"bgpalerter (visibility): 175.45.176.0/24 down at 2014-12-22T16:19:02Z"' "BGPalerter visibility"
hasnt mon.json 'KR down' "a statement about KR"
# with a measurement of ours (the Icinga DOWN), they confirm it
tl both.json probes/icinga-fra/icinga.log "$@"
has both.json '"status":"confirmed","why":"confirmed: active probes (no vantage point got a reply) and third-party monitors (bgpalerter, cloudflare-radar, ooni, ioda)"' \
    "monitors corroborate the host's DOWN"
# two statements of one monitor do not confirm each other
cp ooni/KP.jsonl ooni/KP2.jsonl
sed -i 's/16:41:05/17:02:00/' ooni/KP2.jsonl
tl ooni.json ooni/KP.jsonl ooni/KP2.jsonl
has ooni.json '"incidents":\[\]' "two OONI results made an incident"

# session: a router's own log of a BGP neighbour in AS131279 going down
cat > routers/pe1/syslog.log <<'EOF'
<189>Dec 22 16:15:00 pe1.example.net 123: Dec 22 16:15:00.123 UTC: %BGP-5-ADJCHANGE: neighbor 175.45.176.1 Down BGP Notification sent (AS: 131279)
EOF
touch -d 2015-01-02T00:00:00Z routers/pe1/syslog.log
tl router.json routers/pe1/syslog.log
has router.json '"kind":"router.session_down","source_type":"router","vantage":"pe1"' "the router's signal"
echo "timeline: each role's effect as documented"
