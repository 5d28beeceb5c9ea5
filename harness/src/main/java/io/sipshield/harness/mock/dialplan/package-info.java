/**
 * The mock Asterisk's dialplan: the applications of extensions.conf it runs
 * ({@link io.sipshield.harness.mock.dialplan.DialplanApplication}), one call's way through its
 * priorities ({@link io.sipshield.harness.mock.dialplan.DialplanExecution}, on the connection's
 * event loop, timers from its scheduler), the media generators (tone lists, Milliwatt, prompts)
 * feeding a channel's RTP stream ({@link io.sipshield.harness.mock.dialplan.CallMedia}), and
 * chan_pjsip's cause and DIALSTATUS mappings. Sources: asterisk/asterisk main/pbx.c,
 * main/indications.c, apps/app_milliwatt.c, apps/app_playback.c, apps/app_dial.c,
 * channels/chan_pjsip.c, res/res_pjsip_session.c.
 */
package io.sipshield.harness.mock.dialplan;
