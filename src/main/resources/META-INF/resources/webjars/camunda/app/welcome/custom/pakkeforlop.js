/*
 * Welcome's custom script (config.js: customScripts), loaded as an ES module before the app starts:
 * no Tasklist drafts left in the browser (they share its storage), and the configured banner.
 */
import { start } from '../../pakkeforlop/common.js';

start();
