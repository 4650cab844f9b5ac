import { createApp } from 'vue';
import 'staymod-booking/define';
import App from './App.vue';

createApp(App).mount('#app');
