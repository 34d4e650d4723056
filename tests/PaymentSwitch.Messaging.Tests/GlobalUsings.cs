global using PaymentSwitch.TestKit;
